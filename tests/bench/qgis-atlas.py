#!/usr/bin/env python3
# qgis-atlas.py — the QGIS peer of bench-atlas: a QGIS Atlas of the same areas
#
# Usage: QT_QPA_PLATFORM=offscreen python3 qgis-atlas.py AREAS.geojson NAME_FIELD OUT.pdf
# Prints "SECONDS SHEETS": the time of QgsLayoutExporter.exportToPdf alone.
#
# The layout is the simpler sheet issue #8 times QGIS with: an atlas-driven
# map with a graduated (quantile) choropleth, the area's name as title, a
# legend, a scale bar and the area's attribute table, on A4 portrait; no
# basemap, no charts. Run by bench-atlas only when PyQGIS is installed
# (Debian qgis, python3-qgis) — never a dependency of WelfareMap.
#
# SPDX-License-Identifier: EUPL-1.2

import sys
import time

from qgis.core import (
    QgsApplication,
    QgsClassificationQuantile,
    QgsGraduatedSymbolRenderer,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPrintLayout,
    QgsProject,
    QgsStyle,
    QgsUnitTypes,
    QgsVectorLayer,
)

MM = QgsUnitTypes.LayoutMillimeters


def place(item, x, y, w, h):
    item.attemptMove(QgsLayoutPoint(x, y, MM))
    item.attemptResize(QgsLayoutSize(w, h, MM))


def main(path, name_field, out):
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()

    layer = QgsVectorLayer(path, "areas", "ogr")
    if not layer.isValid():
        sys.exit("qgis-atlas: cannot read %s" % path)
    QgsProject.instance().addMapLayer(layer)
    numeric = [f.name() for f in layer.fields() if f.isNumeric()]
    renderer = QgsGraduatedSymbolRenderer(numeric[-1])
    renderer.setClassificationMethod(QgsClassificationQuantile())
    renderer.updateClasses(layer, 5)
    renderer.updateColorRamp(QgsStyle.defaultStyle().colorRamp("Reds"))
    layer.setRenderer(renderer)

    layout = QgsPrintLayout(QgsProject.instance())
    layout.initializeDefaults()
    layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Portrait)

    title = QgsLayoutItemLabel(layout)
    title.setText('[% "' + name_field + '" %]')
    layout.addLayoutItem(title)
    place(title, 10, 8, 190, 12)

    area_map = QgsLayoutItemMap(layout)
    area_map.setLayers([layer])
    layout.addLayoutItem(area_map)
    place(area_map, 10, 25, 190, 150)
    area_map.setAtlasDriven(True)
    area_map.setAtlasScalingMode(QgsLayoutItemMap.Auto)
    area_map.setAtlasMargin(0.25)

    legend = QgsLayoutItemLegend(layout)
    legend.setLinkedMap(area_map)
    layout.addLayoutItem(legend)
    place(legend, 10, 180, 80, 40)

    scale = QgsLayoutItemScaleBar(layout)
    scale.setStyle("Single Box")
    scale.setLinkedMap(area_map)
    scale.applyDefaultSize()
    layout.addLayoutItem(scale)
    scale.attemptMove(QgsLayoutPoint(120, 180, MM))

    table = QgsLayoutItemAttributeTable.create(layout)
    table.setVectorLayer(layer)
    table.setFilterToAtlasFeature(True)
    layout.addMultiFrame(table)
    frame = QgsLayoutFrame(layout, table)
    place(frame, 10, 225, 190, 60)
    table.addFrame(frame)

    atlas = layout.atlas()
    atlas.setCoverageLayer(layer)
    atlas.setEnabled(True)

    start = time.monotonic()
    result, error = QgsLayoutExporter.exportToPdf(atlas, out, QgsLayoutExporter.PdfExportSettings())
    seconds = time.monotonic() - start
    if result != QgsLayoutExporter.Success:
        sys.exit("qgis-atlas: %s" % error)
    print("%.3f %d" % (seconds, layer.featureCount()))
    app.exitQgis()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: qgis-atlas.py AREAS NAME_FIELD OUT.pdf")
    main(*sys.argv[1:])
