using System.Security.Cryptography;
using ModelAudit.Core.Audit.Baselines;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Baselines;

/// <summary>baseline.json version 3: how faithfulness was measured and each image's areas; versions 1 and 2 read without them.</summary>
public sealed class BaselineFaithfulnessTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private static BaselineModel Measured() => new(
        "shapes",
        "ab12",
        "gradcam",
        "features",
        [
            new BaselineImage("b.png", 0, 0.9, 0.7, 1, 1, [2], new FaithfulnessAreas(0.25, 0.8)),
            new BaselineImage("a.png", 0, 0.8, 0.6, 1, 1, [1], new FaithfulnessAreas(0.1 + 0.2, 1)),
        ],
        new BaselineFaithfulness(20, "road"));

    private string File(string model = "shapes") => Path.Combine(temp.Path, model, "baseline.json");

    /// <summary>Rewrites baseline.json, keeping its maps (and so their recorded hashes) valid.</summary>
    private void Edit(Func<string, string> change) => System.IO.File.WriteAllText(File(), change(System.IO.File.ReadAllText(File())));

    [Fact]
    public void WriteThenRead_Version3_RoundTripsTheSettingsAndEveryArea()
    {
        BaselineStore.Write(temp.Path, Measured());

        var read = BaselineStore.Read(temp.Path, "shapes")!;

        Assert.Equal((3, new BaselineFaithfulness(20, "road")), (read.FormatVersion, read.Faithfulness));
        Assert.Equal([new FaithfulnessAreas(0.1 + 0.2, 1), new FaithfulnessAreas(0.25, 0.8)], read.Images.Select(i => i.Faithfulness));
    }

    [Fact]
    public void Write_Version3_SettingsAfterTheLayerAndAreasAfterEachMapsHash()
    {
        BaselineStore.Write(temp.Path, Measured());

        var text = System.IO.File.ReadAllText(File());
        var a = System.IO.File.ReadAllBytes(Path.Combine(temp.Path, "shapes", "maps", "a.png.npy"));

        Assert.Contains("""
              "layer": "features",
              "faithfulness": {
                "steps": 20,
                "removal": "road"
              },
              "images": [
            """.Replace("\r\n", "\n", StringComparison.Ordinal), text, StringComparison.Ordinal);
        Assert.Contains($$"""
                  "mapSha256": "{{Convert.ToHexStringLower(SHA256.HashData(a))}}",
                  "deletionAuc": 0.30000000000000004,
                  "insertionAuc": 1
                },
            """.Replace("\r\n", "\n", StringComparison.Ordinal), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Version2_ReadsWithoutFaithfulness()
    {
        // What the previous modelaudit wrote: version 2 with map hashes and no "faithfulness".
        BaselineStore.Write(temp.Path, Measured() with { Images = [.. Measured().Images.Select(i => i with { Faithfulness = null })], Faithfulness = null });
        Edit(t => t.Replace("\"version\": 3", "\"version\": 2", StringComparison.Ordinal).Replace("  \"faithfulness\": null,\n", "", StringComparison.Ordinal));
        Assert.DoesNotContain("faithfulness", System.IO.File.ReadAllText(File()), StringComparison.Ordinal);

        var read = BaselineStore.Read(temp.Path, "shapes")!;

        Assert.Equal((2, null), (read.FormatVersion, read.Faithfulness));
        Assert.All(read.Images, i => Assert.Null(i.Faithfulness));
        Assert.Equal([1f], read.Images[0].Map);
    }

    [Fact]
    public void Read_Version2WithAreasLeftOver_IgnoresThem()
    {
        // Version 2 never had areas: a reader of 2 does not look for them, whatever else the file holds.
        BaselineStore.Write(temp.Path, Measured());
        Edit(t => t.Replace("\"version\": 3", "\"version\": 2", StringComparison.Ordinal));

        var read = BaselineStore.Read(temp.Path, "shapes")!;

        Assert.Null(read.Faithfulness);
        Assert.All(read.Images, i => Assert.Null(i.Faithfulness));
    }

    [Theory]
    [InlineData("  \"faithfulness\": {\n    \"steps\": 20,\n    \"removal\": \"road\"\n  },\n", "", "the file has no \"faithfulness\"")]
    [InlineData("\"removal\": \"road\"", "\"removal\": \"noise\"", "faithfulness.removal must be \"road\", \"blur\" or \"mean\", not \"noise\"")]
    [InlineData("\"steps\": 20", "\"steps\": 0", "faithfulness.steps must be at least 1, not 0")]
    [InlineData("\"steps\": 20", "\"steps\": \"20\"", "faithfulness.steps must be a whole number")]
    [InlineData("\"faithfulness\": {", "\"faithfulness\": 5, \"settings\": {", "\"faithfulness\" must be null or an object")]
    [InlineData(",\n      \"deletionAuc\": 0.30000000000000004", "", "images[0] has no \"deletionAuc\"")]
    [InlineData("\"insertionAuc\": 0.8", "\"insertionAuc\": 1.5", "images[1].insertionAuc is 1.5; an area under a probability curve lies in [0, 1]")]
    [InlineData("\"insertionAuc\": 0.8", "\"insertionAuc\": null", "images[1].insertionAuc must be a number")]
    [InlineData("\"deletionAuc\": 0.25", "\"deletionAuc\": -0.001", "images[1].deletionAuc is -0.001; an area under a probability curve lies in [0, 1]")]
    public void Read_Version3FieldMissingOrWrong_IsCorruptNamingTheFileAndField(string from, string to, string expected)
    {
        BaselineStore.Write(temp.Path, Measured());
        Edit(t =>
        {
            Assert.Contains(from, t, StringComparison.Ordinal);
            return t.Replace(from, to, StringComparison.Ordinal);
        });

        var e = Assert.Throws<CorruptBaselineException>(() => BaselineStore.Read(temp.Path, "shapes"));

        Assert.Equal(File(), e.File);
        Assert.Equal($"{File()}: corrupt baseline: {expected}; rerun `modelaudit baseline accept` to rewrite it", e.Message);
    }

    [Fact]
    public void Read_AreaAboveOneByFloatRounding_ReadsAsRecorded()
    {
        // A float32 softmax can return 1.0000001: accept records what it measured, and the reader takes it.
        BaselineStore.Write(temp.Path, Measured() with { Images = [Measured().Images[0] with { Faithfulness = new FaithfulnessAreas(0.25, 1.0000001192092896) }, Measured().Images[1]] });

        var read = BaselineStore.Read(temp.Path, "shapes")!;

        Assert.Equal(1.0000001192092896, read.Images.Single(i => i.ImagePath == "b.png").Faithfulness!.InsertionAuc);
    }

    [Fact]
    public void Write_AreasWithoutSettings_IsRefusedAndNothingWritten()
    {
        var model = Measured() with { Faithfulness = null };

        var e = Assert.Throws<ArgumentException>(() => BaselineStore.Write(temp.Path, model));

        Assert.Contains("a.png: has faithfulness areas but shapes records no faithfulness settings", e.Message, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(File()));
    }

    [Fact]
    public void Write_SettingsWithAnImageMissingItsAreas_IsRefused()
    {
        var model = Measured() with { Images = [Measured().Images[0], Measured().Images[1] with { Faithfulness = null }] };

        var e = Assert.Throws<ArgumentException>(() => BaselineStore.Write(temp.Path, model));

        Assert.Contains("a.png: has no faithfulness areas although shapes was accepted with faithfulness on", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.1, 0.9, 0.1, 0.9, 0)]
    [InlineData(0.1, 0.9, 0.35, 0.9, 0.25)]
    [InlineData(0.1, 0.9, 0.1, 0.6, 0.3)]
    [InlineData(0.1, 0.9, 0.2, 0.5, 0.4)]
    [InlineData(0.3, 0.7, 0.1, 0.9, -0.2)]
    public void Drop_LargerOfDeletionRiseAndInsertionFall(double baseDeletion, double baseInsertion, double deletion, double insertion, double expected)
    {
        var drop = FaithfulnessAreas.Drop(new FaithfulnessAreas(baseDeletion, baseInsertion), new FaithfulnessAreas(deletion, insertion));

        Assert.Equal(expected, drop, 12);
    }
}
