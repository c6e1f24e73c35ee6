"""Printed forms (ReportLab, bundled fonts, Chinese line breaking) and the PDF/A archive export.

Headless entry points: ``printer.print_form`` / ``FormPrinter.render`` for one form and
``archive.archive`` for a period's finalised forms. Never imports Qt (views preview and print).
"""
