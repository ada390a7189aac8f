using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Core.Reporting;
using ModelAudit.Imaging;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Running;

/// <summary>Issue 9: the report's activation grids are cached like the filter patterns, so a warm audit opens no session for them.</summary>
public sealed class ActivationCacheTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private string ReportFolder => temp.File("report");

    private string CacheFolder => Path.Combine(ReportFolder, ExtrasCache.FolderName);

    private AuditOptions Options => new() { ReportDirectory = ReportFolder, Settings = new SessionSettings { Device = ExecutionDevice.Cpu } };

    /// <summary>An audit as the CLI runs it: analysis, then the report set (which carries the cache).</summary>
    private IReadOnlyList<Picture> Grids(string config)
    {
        var report = AuditRunner.Run(AuditConfigLoader.Load(config), Options);
        ReportSet.WriteAll(report, ReportFolder);
        return Assert.Single(report.Models).ActivationGrids;
    }

    private string Entry() => Assert.Single(Directory.GetFiles(CacheFolder, "activations-*"));

    /// <summary>Sessions with exposed values one analysis of the config's images opens, reading <see cref="CacheFolder"/>.</summary>
    private int ExposingSessions(string config, bool activationGrids)
    {
        var loaded = AuditConfigLoader.Load(config);
        using var analysis = ModelAnalysis.Open(loaded, loaded.Models[0], Options);
        analysis.Images(activationGrids, _ => { }, cache: ExtrasCache.InReport(ReportFolder));
        return analysis.ExposingSessions;
    }

    private static void AssertSame(IReadOnlyList<Picture> expected, IReadOnlyList<Picture> actual) =>
        Assert.Equal(expected.Select(p => (p.Title, Convert.ToBase64String(p.Png), p.Width, p.Height)),
            actual.Select(p => (p.Title, Convert.ToBase64String(p.Png), p.Width, p.Height)));

    [Fact]
    public void Images_WarmCache_OpensNoSessionForTheGrids()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        var withoutGrids = ExposingSessions(config, activationGrids: false);
        // Cold: features_relu comes from the CAM's pass; features, a Conv's output, from a session over the Conv alone.
        Assert.Equal(withoutGrids + 1, ExposingSessions(config, activationGrids: true));
        Grids(config);

        Assert.Equal(withoutGrids, ExposingSessions(config, activationGrids: true));
    }

    [Fact]
    public void Run_Twice_SecondRunReadsTheCachedGridsEqualToTheComputedOnes()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        var first = Grids(config);
        // features and features_relu: 2 channels of 32x32 each (the same pictures: the conv of a non-negative image is non-negative).
        Assert.Equal(["features [2,32,32]", "features_relu [2,32,32]"], first.Select(p => p.Title));

        var second = Grids(config);

        AssertSame(first, second);
        var entry = Entry();
        // Put a different (valid) grid under the same key: only a run that reads the cache can show it.
        var marker = PngEncoder.Encode(new Image(3, 2));
        File.WriteAllText(entry, File.ReadAllText(entry).Replace(Convert.ToBase64String(first[0].Png), Convert.ToBase64String(marker), StringComparison.Ordinal));
        var third = Grids(config);
        Assert.All(third, p => Assert.Equal((Convert.ToBase64String(marker), 3, 2), (Convert.ToBase64String(p.Png), p.Width, p.Height)));
        Assert.Equal(first.Select(p => p.Title), third.Select(p => p.Title));
    }

    [Fact]
    public void Run_AfterImageChange_RecomputesAndDropsTheOldEntry()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        var before = Grids(config);
        var old = Entry();

        // The first image's object moves: the grids must show it where it is now.
        ShortcutFixture.WriteImage(temp.File("a.png"), objectShift: 4);
        var after = Grids(config);

        Assert.NotEqual(before[0].Png, after[0].Png);
        Assert.NotEqual(old, Entry());
        Directory.Delete(CacheFolder, recursive: true);
        AssertSame(after, Grids(config));
    }

    [Fact]
    public void Run_AfterModelChange_RecomputesAndDropsTheOldEntry()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        var honest = Grids(config);
        var old = Entry();

        ShortcutFixture.WriteModel(temp.File("model.onnx"), shortcut: true);
        var shortcut = Grids(config);

        // The shortcut model's channel 0 reads the blue mark instead of the red object: other grids, under another key.
        Assert.NotEqual(honest[0].Png, shortcut[0].Png);
        Assert.NotEqual(old, Entry());
        Directory.Delete(CacheFolder, recursive: true);
        AssertSame(shortcut, Grids(config));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"key\": \"another key\", \"pictures\": []}")]
    [InlineData("{\"pictures\": 3}")]
    [InlineData("")]
    public void Run_CorruptCacheEntry_RecomputesTheSameGrids(string garbage)
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        var fresh = Grids(config);
        var entry = Entry();
        File.WriteAllText(entry, garbage);

        var again = Grids(config);

        AssertSame(fresh, again);
        Assert.Contains(Convert.ToBase64String(fresh[1].Png), File.ReadAllText(entry), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CorruptPngInCacheEntry_Recomputes()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        var fresh = Grids(config);
        var entry = Entry();
        var broken = fresh[1].Png.ToArray();
        broken[^20] ^= 0xFF;
        File.WriteAllText(entry, File.ReadAllText(entry).Replace(Convert.ToBase64String(fresh[1].Png), Convert.ToBase64String(broken), StringComparison.Ordinal));

        AssertSame(fresh, Grids(config));
    }
}
