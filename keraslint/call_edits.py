"""Editing a call in libcst, for fixes: adding, renaming and removing arguments without
disturbing its layout, and reading the arguments of the node a fix is given.

Detection reads calls on the stdlib ``ast`` (calls.py); this module is for transforms, and
imports libcst only when one runs."""

from __future__ import annotations

from functools import cache

from keraslint.lazycst import cst


def keyword_names(call: cst.Call) -> set[str]:
    return {arg.keyword.value for arg in call.args if arg.keyword is not None}


def positional_count(call: cst.Call) -> int:
    return sum(1 for arg in call.args if arg.keyword is None and not arg.star)


def argument(call: cst.Call, name: str, position: int | None,
             aliases: tuple[str, ...] = ()) -> cst.BaseExpression | None:
    """The expression passed for parameter ``name``: by keyword (or a Keras-1 alias of it), or
    at ``position`` among the positional arguments before any ``*args``."""
    for arg in call.args:
        if arg.keyword is not None and (arg.keyword.value == name or arg.keyword.value in aliases):
            return arg.value
    if position is not None:
        positional = []
        for arg in call.args:
            if arg.star:
                break  # where later positionals land depends on what *args holds
            if arg.keyword is None:
                positional.append(arg)
        if position < len(positional):
            return positional[position].value
    return None


def keyword_of(call: cst.Call, names: tuple[str, ...]) -> str | None:
    """The first of ``names`` the call passes by keyword."""
    passed = keyword_names(call)
    return next((name for name in names if name in passed), None)


def string_value(node: cst.BaseExpression | None) -> str | None:
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def literal(value: object, quote: str = "'") -> cst.BaseExpression:
    """A libcst expression for a str / float / int / bool / None value."""
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace(quote, "\\" + quote)
        return cst.SimpleString(f"{quote}{escaped}{quote}")
    if value is None or isinstance(value, bool):
        return cst.Name(repr(value))
    if isinstance(value, (int, float, tuple)):
        return cst.parse_expression(repr(value))
    raise TypeError(f"cannot write {value!r} as a literal")


def add_keywords(call: cst.Call, keywords: list[tuple[str, cst.BaseExpression]]) -> cst.Call:
    """Append ``name=value`` arguments, following the call's own layout.

    One-line calls get ``, name=value``. Calls with one argument per line get each new
    argument on its own line, with the same indentation; a trailing comma stays trailing,
    and a comment after the last argument stays with that argument.
    """
    if not keywords:
        return call
    args = list(call.args)
    if len(args) == 1 and isinstance(args[0].value, cst.GeneratorExp) and not args[0].value.lpar:
        # `f(x for x in xs)` may only stand alone: give the generator its own parentheses.
        generator = args[0].value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        args[0] = args[0].with_changes(value=generator)
    new = [cst.Arg(keyword=cst.Name(n), value=v, equal=_equal()) for n, v in keywords]
    if not args:
        return call.with_changes(args=[a.with_changes(comma=_one_line()) for a in new[:-1]] + new[-1:])
    separator = _separator(call)
    last = args[-1]
    if isinstance(last.comma, cst.Comma):  # trailing comma: keep it last
        original = last.comma.whitespace_after
        if _is_multiline(original) and _is_multiline(separator.whitespace_after):
            inner = separator.whitespace_after
            args[-1] = last.with_changes(comma=last.comma.with_changes(
                whitespace_after=original.with_changes(indent=inner.indent, last_line=inner.last_line)
            ))
            closing = last.comma.with_changes(
                whitespace_before=cst.SimpleWhitespace(""),
                whitespace_after=original.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=()),
            )
        else:
            args[-1] = last.with_changes(comma=separator)
            closing = last.comma
    elif _is_multiline(last.whitespace_after_arg) and not _is_multiline(separator.whitespace_after):
        # `f(a, b\n)`: one-line arguments, closing paren on its own line. Append on the line.
        args[-1] = last.with_changes(comma=separator, whitespace_after_arg=cst.SimpleWhitespace(""))
        new[-1] = new[-1].with_changes(whitespace_after_arg=last.whitespace_after_arg)
        closing = cst.MaybeSentinel.DEFAULT
    elif _is_multiline(last.whitespace_after_arg):
        # `last  # comment` then a newline before `)`: the comment stays with `last`.
        original = last.whitespace_after_arg
        inner = separator.whitespace_after
        args[-1] = last.with_changes(
            comma=cst.Comma(whitespace_after=original.with_changes(
                indent=inner.indent, last_line=inner.last_line
            )),
            whitespace_after_arg=cst.SimpleWhitespace(""),
        )
        new[-1] = new[-1].with_changes(whitespace_after_arg=original.with_changes(
            first_line=cst.TrailingWhitespace(), empty_lines=()
        ))
        closing = cst.MaybeSentinel.DEFAULT
    else:
        args[-1] = last.with_changes(comma=separator)
        closing = cst.MaybeSentinel.DEFAULT
    new = [a.with_changes(comma=separator) for a in new[:-1]] + [new[-1].with_changes(comma=closing)]
    return call.with_changes(args=args + new)


def _separator(call: cst.Call) -> cst.Comma:
    """The comma between arguments in this call's style, without any comment."""
    args = call.args
    if len(args) >= 2 and isinstance(args[-2].comma, cst.Comma):
        comma = args[-2].comma
    elif _is_multiline(call.whitespace_before_args):
        comma = cst.Comma(whitespace_after=call.whitespace_before_args)
    else:
        return _one_line()
    if _is_multiline(comma.whitespace_after):
        comma = comma.with_changes(whitespace_after=comma.whitespace_after.with_changes(
            first_line=cst.TrailingWhitespace(), empty_lines=()
        ))
    return comma.with_changes(whitespace_before=cst.SimpleWhitespace(""))


@cache
def _one_line() -> cst.Comma:
    return cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


@cache
def _equal() -> cst.AssignEqual:
    return cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))


def _is_multiline(whitespace: cst.BaseParenthesizableWhitespace) -> bool:
    return isinstance(whitespace, cst.ParenthesizedWhitespace)


def rename_keyword(call: cst.Call, old: str, new: str) -> cst.Call:
    return call.with_changes(args=[
        arg.with_changes(keyword=cst.Name(new))
        if arg.keyword is not None and arg.keyword.value == old else arg
        for arg in call.args
    ])


def set_keyword_value(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Call:
    return call.with_changes(args=[
        arg.with_changes(value=value)
        if arg.keyword is not None and arg.keyword.value == name else arg
        for arg in call.args
    ])


def remove_keyword(call: cst.Call, name: str) -> cst.Call:
    """Drop ``name=...``; the comma style of what remains is kept."""
    for i, arg in enumerate(call.args):
        if arg.keyword is not None and arg.keyword.value == name:
            return _without(call, i)
    return call


def remove_positional(call: cst.Call, position: int) -> cst.Call:
    """Drop the positional argument at ``position``."""
    positions = [i for i, arg in enumerate(call.args) if arg.keyword is None and not arg.star]
    return _without(call, positions[position]) if position < len(positions) else call


def _without(call: cst.Call, i: int) -> cst.Call:
    args = list(call.args)
    removed = args.pop(i)
    if i == len(args) and args:  # it was last: the new last ends the call as it did
        args[-1] = _ending_like(args[-1], removed)
    return call.with_changes(args=args)


def _ending_like(last: cst.Arg, removed: cst.Arg) -> cst.Arg:
    """``last`` with the ending ``removed`` had (trailing comma or not, where the closing
    parenthesis sits), keeping the comment on ``last``'s own line."""
    own = last.comma.whitespace_after if isinstance(last.comma, cst.Comma) else None
    if not (isinstance(own, cst.ParenthesizedWhitespace) and own.first_line.comment):
        return last.with_changes(comma=removed.comma)
    end = removed.comma.whitespace_after if isinstance(removed.comma, cst.Comma) else removed.whitespace_after_arg
    close = (own.with_changes(indent=end.indent, last_line=end.last_line)
             if isinstance(end, cst.ParenthesizedWhitespace)
             else own.with_changes(indent=False, last_line=cst.SimpleWhitespace("")))
    if isinstance(removed.comma, cst.Comma):  # a trailing comma stays trailing
        return last.with_changes(comma=last.comma.with_changes(whitespace_after=close))
    return last.with_changes(comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=close)


def keywords_for_positionals(call: cst.Call, names: tuple[str, ...], start: int) -> cst.Call:
    """Turn positional arguments ``start`` and after into ``name=value`` keywords."""
    args = list(call.args)
    position = 0
    for i, arg in enumerate(args):
        if arg.keyword is not None or arg.star:
            continue
        if start <= position < len(names):
            args[i] = arg.with_changes(keyword=cst.Name(names[position]), equal=_equal())
        position += 1
    return call.with_changes(args=args)


def tuple_of(values: list[cst.BaseExpression]) -> cst.Tuple:
    """``(a, b)``, written on one line."""
    return cst.Tuple([
        cst.Element(value, comma=_one_line() if i < len(values) - 1 else cst.MaybeSentinel.DEFAULT)
        for i, value in enumerate(values)
    ])


def set_positional_value(call: cst.Call, position: int, value: cst.BaseExpression) -> cst.Call:
    args = list(call.args)
    seen = 0
    for i, arg in enumerate(args):
        if arg.keyword is None and not arg.star:
            if seen == position:
                args[i] = arg.with_changes(value=value)
                break
            seen += 1
    return call.with_changes(args=args)


def method_as_function(call: cst.Call, name: str) -> cst.Call:
    """``obj.method(args)`` -> ``name(obj, args)``: a removed method as a module function."""
    receiver = cst.Arg(call.func.value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                       if call.args else cst.MaybeSentinel.DEFAULT)
    return call.with_changes(func=cst.Name(name), args=[receiver, *call.args])
