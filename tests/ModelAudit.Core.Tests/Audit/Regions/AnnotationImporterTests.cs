using ModelAudit.Core.Audit.Regions;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Regions;

public sealed class AnnotationImporterTests
{
    private const string Voc = """
        <annotation>
          <folder>images</folder>
          <filename>cat.jpg</filename>
          <size><width>100</width><height>80</height><depth>3</depth></size>
          <object><name>cat</name><bndbox><xmin>11</xmin><ymin>21</ymin><xmax>40</xmax><ymax>50</ymax></bndbox></object>
          <object><name>cat</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>1</xmax><ymax>1</ymax></bndbox></object>
        </annotation>
        """;

    private const string Coco = """
        {
          "images": [{"id": 1, "file_name": "a.png", "width": 10, "height": 10},
                     {"id": 2, "file_name": "sub/b.png", "width": 10, "height": 10},
                     {"id": 3, "file_name": "unannotated.png", "width": 10, "height": 10}],
          "annotations": [
            {"id": 10, "image_id": 2, "category_id": 7, "bbox": [1.5, 2, 3, 4], "segmentation": [], "iscrowd": 0},
            {"id": 11, "image_id": 1, "category_id": 7, "bbox": [0, 0, 9, 9], "segmentation": [[0, 0, 4, 0, 0, 4]], "iscrowd": 0},
            {"id": 12, "image_id": 1, "category_id": 8, "bbox": [5, 5, 2, 2], "segmentation": {"counts": [1, 2], "size": [10, 10]}, "iscrowd": 1}
          ],
          "categories": [{"id": 7, "name": "dog"}, {"id": 8, "name": "ball"}]
        }
        """;

    private const string LabelMe = """
        {
          "version": "5.2.1",
          "imagePath": "..\\images\\street.png",
          "shapes": [
            {"label": "car", "points": [[30, 40], [10, 20]], "shape_type": "rectangle"},
            {"label": "car", "points": [[0, 0], [5, 0], [5, 5]], "shape_type": "polygon"}
          ],
          "imageHeight": 50, "imageWidth": 60
        }
        """;

    [Fact]
    public void Import_VocFile_ConvertsOneBasedInclusiveBoxes()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp.File("cat.xml"), Voc);

        var (image, regions, label) = Assert.Single(AnnotationImporter.Import(temp.File("cat.xml")));

        Assert.Equal(temp.File("cat.jpg"), image);
        Assert.Equal("cat", label);
        Assert.Equal<Region>([new BoxRegion(10, 20, 30, 30), new BoxRegion(0, 0, 1, 1)], regions);
    }

    [Fact]
    public void Import_Coco_GroupsByImagePrefersPolygonsAndFallsBackToBbox()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp.File("coco.json"), Coco);

        var result = AnnotationImporter.Import(temp.File("coco.json"));

        Assert.Equal(2, result.Count); // image 3 has no annotation
        Assert.Equal(temp.File("a.png"), result[0].ImagePath);
        Assert.Null(result[0].Label); // dog and ball
        Assert.Equal(2, result[0].Regions.Count);
        Assert.Equal(new PolygonRegion([(0, 0), (4, 0), (0, 4)]), result[0].Regions[0]);
        Assert.Equal(new BoxRegion(5, 5, 2, 2), result[0].Regions[1]); // run-length mask: its bbox
        Assert.Equal(Path.Combine(temp.Path, "sub", "b.png"), result[1].ImagePath);
        Assert.Equal("dog", result[1].Label);
        Assert.Equal<Region>([new BoxRegion(1.5, 2, 3, 4)], result[1].Regions);
    }

    [Fact]
    public void Import_LabelMe_RectangleFromAnyTwoCornersAndPolygon()
    {
        using var temp = new TempDir();
        Directory.CreateDirectory(temp.File("json"));
        File.WriteAllText(temp.File("json/street.json"), LabelMe);

        var (image, regions, label) = Assert.Single(AnnotationImporter.Import(temp.File("json/street.json")));

        Assert.Equal(Path.Combine(temp.Path, "images", "street.png"), image);
        Assert.Equal("car", label);
        Assert.Equal<Region>([new BoxRegion(10, 20, 20, 20), new PolygonRegion([(0, 0), (5, 0), (5, 5)])], regions);
    }

    [Fact]
    public void Import_Folder_ReadsVocAndLabelMeFilesInNameOrder()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp.File("b.xml"), Voc);
        File.WriteAllText(temp.File("a.json"), LabelMe);
        File.WriteAllText(temp.File("notes.txt"), "not an annotation");

        var result = AnnotationImporter.Import(temp.Path);

        Assert.Equal([Path.GetFullPath(Path.Combine(temp.Path, "..", "images", "street.png")), temp.File("cat.jpg")], result.Select(r => r.ImagePath));
    }

    [Theory]
    [InlineData("x.json", """{"imagePath": "a.png", "shapes": [{"label": "c", "points": [[1, 1], [3, 3]], "shape_type": "circle"}]}""", "shapes[0] has shape_type \"circle\"")]
    [InlineData("x.json", """{"images": [], "annotations": [{"image_id": 4, "bbox": [0, 0, 1, 1]}]}""", "image id 4")]
    [InlineData("x.json", """{"images": [{"id": 1, "file_name": "a.png"}], "annotations": [{"image_id": 1, "bbox": [0, 0, 1]}]}""", "annotations[0].bbox needs 4 numbers")]
    [InlineData("x.json", """{"something": 1}""", "neither COCO")]
    [InlineData("x.json", """{"shapes": [""", "invalid JSON")]
    [InlineData("x.xml", "<annotation><filename>a.png</filename><object><name>c</name></object></annotation>", "(1,40): <object> has no <bndbox>")]
    [InlineData("x.xml", "<annotation><filename>a.png</filename><object><bndbox><xmin>a</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox></object>", "invalid XML")]
    [InlineData("x.xml", "<root/>", "not Pascal VOC")]
    public void Import_BadFile_ThrowsNamingTheFile(string name, string content, string expected)
    {
        using var temp = new TempDir();
        File.WriteAllText(temp.File(name), content);

        var e = Assert.Throws<ModelAuditException>(() => AnnotationImporter.Import(temp.File(name)));

        Assert.StartsWith(temp.File(name), e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_Missing_ThrowsNotFound()
    {
        using var temp = new TempDir();

        var e = Assert.Throws<ModelAuditException>(() => AnnotationImporter.Import(temp.File("nope.xml")));

        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }
}
