"""KL8xx: layer arguments and calls that tf.keras reads more strictly."""
