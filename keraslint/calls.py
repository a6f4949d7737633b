"""Reading a call's arguments and adding keyword arguments without disturbing its layout."""

from __future__ import annotations

import libcst as cst


def keyword_names(call: cst.Call) -> set[str]:
    return {arg.keyword.value for arg in call.args if arg.keyword is not None}


def positional_count(call: cst.Call) -> int:
    return sum(1 for arg in call.args if arg.keyword is None and not arg.star)


def has_star_args(call: cst.Call) -> bool:
    """``*args`` or ``**kwargs``: any argument might be inside."""
    return any(arg.star for arg in call.args)


def argument(call: cst.Call, name: str, position: int | None) -> cst.BaseExpression | None:
    """The expression passed for parameter ``name`` (by keyword, or at ``position``)."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
    if position is not None:
        positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
        if position < len(positional):
            return positional[position].value
    return None


def string_value(node: cst.BaseExpression | None) -> str | None:
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def quote_of(call: cst.Call) -> str:
    """The quote character this call already uses for strings (single by default)."""
    for arg in call.args:
        if isinstance(arg.value, cst.SimpleString):
            prefix_end = len(arg.value.prefix)
            return arg.value.value[prefix_end]
    return "'"


def literal(value: object, quote: str = "'") -> cst.BaseExpression:
    """A libcst expression for a str / float / int / bool / None value."""
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace(quote, "\\" + quote)
        return cst.SimpleString(f"{quote}{escaped}{quote}")
    if value is None or isinstance(value, bool):
        return cst.Name(repr(value))
    if isinstance(value, (int, float)):
        text = repr(value)
        return cst.parse_expression(text)
    raise TypeError(f"cannot write {value!r} as a literal")


def add_keywords(call: cst.Call, keywords: list[tuple[str, cst.BaseExpression]]) -> cst.Call:
    """Append ``name=value`` arguments, following the call's own layout.

    One-line calls get ``, name=value``. Calls with one argument per line get each new
    argument on its own line, with the same indentation and the same trailing comma style.
    """
    args = list(call.args)
    if not args:
        new = [cst.Arg(keyword=cst.Name(n), value=v, equal=_EQUAL) for n, v in keywords]
        for i in range(len(new) - 1):
            new[i] = new[i].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        return call.with_changes(args=new)

    last = args[-1]
    had_trailing_comma = isinstance(last.comma, cst.Comma)
    # The separator between arguments: reuse the one already between the last two.
    if len(args) >= 2 and isinstance(args[-2].comma, cst.Comma):
        separator = args[-2].comma
    elif _is_multiline(call.whitespace_before_args):
        separator = cst.Comma(whitespace_after=call.whitespace_before_args)
    elif had_trailing_comma and _is_multiline(last.comma.whitespace_after):
        separator = last.comma
    else:
        separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    # A trailing comma stays last, with whatever whitespace led to the closing paren.
    closing = last.comma if had_trailing_comma else cst.MaybeSentinel.DEFAULT
    args[-1] = last.with_changes(comma=separator)
    for i, (name, value) in enumerate(keywords):
        is_last = i == len(keywords) - 1
        args.append(cst.Arg(
            keyword=cst.Name(name),
            value=value,
            equal=_EQUAL,
            comma=closing if is_last else separator,
        ))
    return call.with_changes(args=args)


_EQUAL = cst.AssignEqual(
    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
)


def _is_multiline(whitespace: cst.BaseParenthesizableWhitespace) -> bool:
    return isinstance(whitespace, cst.ParenthesizedWhitespace)
