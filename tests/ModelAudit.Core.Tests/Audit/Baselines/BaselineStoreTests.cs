using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ModelAudit.Core.Audit.Baselines;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Baselines;

public sealed class BaselineStoreTests
{
    private static BaselineModel Sample() => new(
        "shapes",
        "ab12",
        "gradcam",
        "/layer4/relu",
        [
            // Deliberately unsorted: the store sorts by path.
            new BaselineImage("images/b.png", 1, 0.1 + 0.2, 2.0 / 3, 3, 2, [0, 1, 2, 3, 4, 5.5f]),
            new BaselineImage("images/a.png", 0, 0.99, 0.5, 2, 1, [1e-8f, -0f]),
        ]);

    [Fact]
    public void WriteThenRead_RoundTripsEveryValue()
    {
        using var temp = new TempDir();
        BaselineStore.Write(temp.Path, Sample());

        var read = BaselineStore.Read(temp.Path, "shapes");

        Assert.NotNull(read);
        Assert.Equal(("shapes", "ab12", "gradcam", "/layer4/relu"), (read.ModelName, read.ModelSha256, read.Method, read.Layer));
        Assert.Equal(["images/a.png", "images/b.png"], read.Images.Select(i => i.ImagePath));
        var b = read.Images[1];
        Assert.Equal((1, 0.1 + 0.2, 2.0 / 3, 3, 2), (b.Class, b.Probability, b.RelevanceMass, b.MapWidth, b.MapHeight));
        Assert.Equal([0, 1, 2, 3, 4, 5.5f], b.Map);
        Assert.Equal([1e-8f, -0f], read.Images[0].Map);
    }

    [Fact]
    public void Write_SameContent_IdenticalBytesAnywhere()
    {
        using var first = new TempDir();
        using var second = new TempDir();
        BaselineStore.Write(first.Path, Sample());
        BaselineStore.Write(second.Path, Sample() with { Images = [.. Sample().Images.Reverse()] });
        BaselineStore.Write(second.Path, Sample());

        var files = Files(first.Path);
        Assert.Equal(["shapes/baseline.json", "shapes/maps/images_a.png.npy", "shapes/maps/images_b.png.npy"], files);
        Assert.Equal(files, Files(second.Path));
        foreach (var file in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, file)), File.ReadAllBytes(Path.Combine(second.Path, file)));
        }
    }

    [Fact]
    public void Write_Json_IsSortedInvariantRoundTripAndLf()
    {
        using var temp = new TempDir();
        BaselineStore.Write(temp.Path, Sample());

        var text = File.ReadAllText(Path.Combine(temp.Path, "shapes", "baseline.json"));

        var a = File.ReadAllBytes(Path.Combine(temp.Path, "shapes", "maps", "images_a.png.npy"));
        var b = File.ReadAllBytes(Path.Combine(temp.Path, "shapes", "maps", "images_b.png.npy"));
        Assert.Equal(
            $$"""
            {
              "version": 3,
              "model": "shapes",
              "modelSha256": "ab12",
              "method": "gradcam",
              "layer": "/layer4/relu",
              "faithfulness": null,
              "images": [
                {
                  "path": "images/a.png",
                  "class": 0,
                  "probability": 0.99,
                  "relevanceMass": 0.5,
                  "mapWidth": 2,
                  "mapHeight": 1,
                  "map": "maps/images_a.png.npy",
                  "mapBytes": {{a.Length}},
                  "mapSha256": "{{Convert.ToHexStringLower(SHA256.HashData(a))}}"
                },
                {
                  "path": "images/b.png",
                  "class": 1,
                  "probability": 0.30000000000000004,
                  "relevanceMass": 0.6666666666666666,
                  "mapWidth": 3,
                  "mapHeight": 2,
                  "map": "maps/images_b.png.npy",
                  "mapBytes": {{b.Length}},
                  "mapSha256": "{{Convert.ToHexStringLower(SHA256.HashData(b))}}"
                }
              ]
            }

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            text);
        Assert.Equal((136, 152), (a.Length, b.Length));
    }

    [Fact]
    public void Write_Map_IsNumpyFloat32WithHeightWidthShape()
    {
        using var temp = new TempDir();
        BaselineStore.Write(temp.Path, Sample());

        var bytes = File.ReadAllBytes(Path.Combine(temp.Path, "shapes", "maps", "images_b.png.npy"));

        Assert.Equal([0x93, .. "NUMPY"u8, 1, 0], bytes[..8]);
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)", header, StringComparison.Ordinal);
        Assert.Equal(10 + headerLength + (6 * 4), bytes.Length);
        Assert.Equal(5.5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(10 + headerLength + (5 * 4))));
    }

    [Fact]
    public void Write_ImageRemoved_DeletesItsStaleMap()
    {
        using var temp = new TempDir();
        BaselineStore.Write(temp.Path, Sample());
        BaselineStore.Write(temp.Path, Sample() with { Images = [Sample().Images[0]] });

        Assert.Equal(["shapes/baseline.json", "shapes/maps/images_b.png.npy"], Files(temp.Path));
        Assert.Single(BaselineStore.Read(temp.Path, "shapes")!.Images);
    }

    [Fact]
    public void Write_PathsWithTheSameSafeName_AreRefusedNamingBoth()
    {
        using var temp = new TempDir();
        var model = Sample() with
        {
            Images = [new BaselineImage("a/b.png", 0, 1, 1, 1, 1, [1]), new BaselineImage("a_b.png", 0, 1, 1, 1, 1, [2])],
        };

        var e = Assert.Throws<ArgumentException>(() => BaselineStore.Write(temp.Path, model));

        Assert.Equal("images a/b.png and a_b.png of shapes share the map file a_b.png.npy", e.Message);
        Assert.Empty(Files(temp.Path));
    }

    [Fact]
    public void Read_NoBaseline_ReturnsNull()
    {
        using var temp = new TempDir();

        Assert.Null(BaselineStore.Read(temp.Path, "shapes"));
    }

    [Theory]
    [InlineData("{not json", "invalid JSON")]
    [InlineData("""{"version": 4}""", "format version 4 is not supported (this tool reads versions 1 to 3)")]
    [InlineData("""{"version": 0}""", "format version 0 is not supported")]
    [InlineData("""{"version": 1, "model": "shapes", "modelSha256": "x", "method": "m", "layer": "l"}""", "has no \"images\"")]
    [InlineData("""{"version": 1, "model": "s", "modelSha256": "x", "method": "m", "layer": "l", "images": [{"path": "p", "class": 0, "probability": 1, "relevanceMass": 1, "mapWidth": 1, "mapHeight": 1, "map": "../../x.npy"}]}""", "outside the maps folder")]
    [InlineData("""{"version": 1, "model": "s", "modelSha256": "x", "method": "m", "layer": "l", "images": [{"path": "p", "class": "0"}]}""", "images[0].class must be a whole number")]
    [InlineData("""{"version": 1, "model": "s", "modelSha256": "x", "method": "m", "layer": "l", "images": [{"path": "p", "class": 0, "probability": 1, "relevanceMass": 1, "mapWidth": 1, "mapHeight": 1, "map": "maps/a\u0000.npy"}]}""", "images[0].map holds a control character")]
    public void Read_CorruptBaseline_ThrowsNamingTheFile(string json, string expected)
    {
        using var temp = new TempDir();
        var file = Path.Combine(temp.Path, "shapes", "baseline.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, json);

        var e = Assert.Throws<CorruptBaselineException>(() => BaselineStore.Read(temp.Path, "shapes"));

        Assert.StartsWith($"{file}: corrupt baseline: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnpairedSurrogateEscape_IsCorruptNamingTheLine()
    {
        using var temp = new TempDir();
        BaselineStore.Write(temp.Path, Sample());
        var file = Path.Combine(temp.Path, "shapes", "baseline.json");
        var lines = File.ReadAllLines(file);
        var layer = Array.FindIndex(lines, l => l.Contains("\"layer\"", StringComparison.Ordinal));
        lines[layer] = lines[layer].Replace("\": \"", "\": \"\\udfff", StringComparison.Ordinal);
        File.WriteAllText(file, string.Join('\n', lines) + "\n");

        var e = Assert.Throws<CorruptBaselineException>(() => BaselineStore.Read(temp.Path, "shapes"));

        Assert.StartsWith($"{file}: corrupt baseline: the string escape \\udfff on line {layer + 1} is half of a UTF-16 surrogate pair without its other half, which no text can hold; rerun `modelaudit baseline accept`", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MapTruncated_IsCorruptNamingTheMap()
    {
        using var temp = new TempDir();
        BaselineStore.Write(temp.Path, Sample());
        var map = Path.Combine(temp.Path, "shapes", "maps", "images_b.png.npy");
        var bytes = File.ReadAllBytes(map);
        File.WriteAllBytes(map, bytes[..^4]);

        var e = Assert.Throws<CorruptBaselineException>(() => BaselineStore.Read(temp.Path, "shapes"));

        Assert.Equal(map, e.File);
        Assert.Contains("the map has 148 bytes, ", e.Message, StringComparison.Ordinal);
        Assert.Contains("recorded 152 (written by another or an interrupted accept)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MapFromAnotherAcceptOfTheSameSize_IsCorruptNotCompared()
    {
        using var temp = new TempDir();
        using var other = new TempDir();
        BaselineStore.Write(temp.Path, Sample());
        var changed = Sample() with { Images = [Sample().Images[0] with { Map = [9, 9, 9, 9, 9, 9] }, Sample().Images[1]] };
        BaselineStore.Write(other.Path, changed);
        File.Copy(Path.Combine(other.Path, "shapes", "maps", "images_b.png.npy"), Path.Combine(temp.Path, "shapes", "maps", "images_b.png.npy"), overwrite: true);

        var e = Assert.Throws<CorruptBaselineException>(() => BaselineStore.Read(temp.Path, "shapes"));

        Assert.Contains("the map's SHA-256 differs from the one", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Version1WithoutHashes_StillReads()
    {
        using var temp = new TempDir();
        BaselineStore.Write(temp.Path, Sample());
        var file = Path.Combine(temp.Path, "shapes", "baseline.json");
        var lines = File.ReadAllLines(file).Where(l => !l.Contains("\"mapBytes\"", StringComparison.Ordinal) && !l.Contains("\"mapSha256\"", StringComparison.Ordinal)
                && !l.Contains("\"faithfulness\"", StringComparison.Ordinal))
            .Select(l => l.Replace("\"version\": 3", "\"version\": 1", StringComparison.Ordinal).Replace(".npy\",", ".npy\"", StringComparison.Ordinal));
        File.WriteAllText(file, string.Join("\n", lines));

        var read = BaselineStore.Read(temp.Path, "shapes");

        Assert.Equal([0, 1, 2, 3, 4, 5.5f], read!.Images[1].Map);
        Assert.Equal((1, null), (read.FormatVersion, read.Faithfulness));
    }

    [Fact]
    public void Write_OtherModelsAndTopLevelFiles_AreCarriedOverUnchanged()
    {
        using var temp = new TempDir();
        var folder = temp.File("baseline");
        BaselineStore.Write(folder, Sample() with { ModelName = "digits" });
        File.WriteAllText(Path.Combine(folder, "README.md"), "baselines");
        var digits = File.ReadAllBytes(Path.Combine(folder, "digits", "baseline.json"));

        BaselineStore.Write(folder, Sample());

        Assert.Equal(digits, File.ReadAllBytes(Path.Combine(folder, "digits", "baseline.json")));
        Assert.Equal("baselines", File.ReadAllText(Path.Combine(folder, "README.md")));
        Assert.NotNull(BaselineStore.Read(folder, "shapes"));
        Assert.NotNull(BaselineStore.Read(folder, "digits"));
    }

    [Fact]
    public void Write_FolderThatHoldsSomethingElse_IsRefusedAndLeftAlone()
    {
        using var temp = new TempDir();
        Directory.CreateDirectory(temp.File("src"));
        File.WriteAllText(temp.File("src/Program.cs"), "code");

        var e = Assert.Throws<ModelAuditException>(() => BaselineStore.Write(temp.Path, Sample()));

        Assert.Contains("holds the folder \"src\", which is no model's baseline; give the baseline a folder of its own", e.Message, StringComparison.Ordinal);
        Assert.Equal(["src/Program.cs"], Files(temp.Path));
    }

    [Fact]
    public void Write_MapSizeMismatch_Throws()
    {
        using var temp = new TempDir();

        Assert.Throws<ArgumentException>(() => BaselineStore.Write(temp.Path, Sample() with { Images = [new BaselineImage("x", 0, 1, 1, 2, 2, [1])] }));
        Assert.Throws<ArgumentException>(() => BaselineStore.Write(temp.Path, Sample() with { Images = [new BaselineImage("x", 0, double.NaN, 1, 1, 1, [1])] }));
    }

    private static List<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
