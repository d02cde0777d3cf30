"""danvan — the information system of mass-mobilization work and the "Dân vận khéo" movement."""

__version__ = "0.1.0"
