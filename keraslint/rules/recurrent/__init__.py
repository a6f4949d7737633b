"""KL4xx: recurrent layers: changed defaults and removed arguments and layers."""
