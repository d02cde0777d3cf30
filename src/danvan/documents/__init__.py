"""Official documents: the Party document format, decisions as DOCX, certificates as PDF.

A plain package (no models, not an installed app): the appraisal and awards apps build a
`PartyDocument` or a `Certificate` from their data and call the renderers here.
"""
