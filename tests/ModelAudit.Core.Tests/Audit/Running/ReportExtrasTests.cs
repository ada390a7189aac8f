using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Core.Reporting;
using ModelAudit.Imaging;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Running;

/// <summary>Issue 9.4: the report's filter patterns are computed once per model and can be turned off.</summary>
public sealed class ReportExtrasTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private string ReportFolder => temp.File("report");

    private string CacheFolder => Path.Combine(ReportFolder, ExtrasCache.FolderName);

    private AuditOptions Options => new() { ReportDirectory = ReportFolder, Settings = new SessionSettings { Device = ExecutionDevice.Cpu } };

    /// <summary>An audit as the CLI runs it: analysis, then the report set (which carries the cache).</summary>
    private Picture Filters(string config)
    {
        var report = AuditRunner.Run(AuditConfigLoader.Load(config), Options);
        ReportSet.WriteAll(report, ReportFolder);
        return Assert.Single(Assert.Single(report.Models).FilterGrids);
    }

    [Fact]
    public void Run_WithoutWritingTheReport_LeavesTheReportFolderUntouched()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);

        var report = AuditRunner.Run(AuditConfigLoader.Load(config), Options);

        // The report folder is replaced as a whole (ReportSet): the cache travels with the set, never beside it.
        Assert.Single(Assert.Single(report.Models).FilterGrids);
        Assert.False(Directory.Exists(ReportFolder));
        Assert.Equal(["activations", "filters"], report.CachedExtras.Keys.Select(k => k.Split('-')[0]).Order());
    }

    [Fact]
    public void Run_ReluLayer_FilterPatternsClimbThePreActivation()
    {
        var picture = Filters(ShortcutFixture.Create(temp.Path, shortcut: false));

        // features_relu is a ReLU: the ascent climbs its input, the conv "features", and says so.
        Assert.Equal("features_relu: filters 0-1, gradient ascent on its input features", picture.Title);
        var image = PngDecoder.Decode(picture.Png, "filters");
        Assert.Equal((picture.Width, picture.Height), (image.Width, image.Height));
    }

    [Fact]
    public void Run_Twice_SecondRunReadsTheCachedPicture()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        var first = Filters(config);
        var entry = Assert.Single(Directory.GetFiles(CacheFolder, "filters-*"));
        // Put a different (valid) picture under the same key: only a run that reads the cache can show it.
        var marker = PngEncoder.Encode(new Image(3, 2));
        File.WriteAllText(entry, File.ReadAllText(entry).Replace(Convert.ToBase64String(first.Png), Convert.ToBase64String(marker), StringComparison.Ordinal));

        var second = Filters(config);

        Assert.Equal(marker, second.Png);
        Assert.Equal((3, 2), (second.Width, second.Height));
        Assert.Equal(first.Title, second.Title);
    }

    [Fact]
    public void Run_AfterModelChange_RecomputesAndDropsTheOldEntry()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        var honest = Filters(config);
        var old = Assert.Single(Directory.GetFiles(CacheFolder, "filters-*"));

        ShortcutFixture.WriteModel(temp.File("model.onnx"), shortcut: true);
        var shortcut = Filters(config);

        // The shortcut model's filter 0 reads blue instead of red: another picture, under another key.
        Assert.NotEqual(honest.Png, shortcut.Png);
        var now = Assert.Single(Directory.GetFiles(CacheFolder, "filters-*"));
        Assert.NotEqual(old, now);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"key\": \"another key\", \"title\": \"t\", \"png\": \"AAAA\"}")]
    [InlineData("")]
    public void Run_CorruptCacheEntry_RecomputesTheSamePicture(string garbage)
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        var fresh = Filters(config);
        var entry = Assert.Single(Directory.GetFiles(CacheFolder, "filters-*"));
        File.WriteAllText(entry, garbage);

        var again = Filters(config);

        Assert.Equal(fresh.Png, again.Png);
        Assert.Contains(Convert.ToBase64String(fresh.Png), File.ReadAllText(entry), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CorruptPngInCacheEntry_Recomputes()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        var fresh = Filters(config);
        var entry = Assert.Single(Directory.GetFiles(CacheFolder, "filters-*"));
        var broken = fresh.Png.ToArray();
        broken[^20] ^= 0xFF;
        File.WriteAllText(entry, File.ReadAllText(entry).Replace(Convert.ToBase64String(fresh.Png), Convert.ToBase64String(broken), StringComparison.Ordinal));

        Assert.Equal(fresh.Png, Filters(config).Png);
    }

    [Fact]
    public void Run_ReportSwitchesOff_NoPanelsNoCacheAndANote()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"baseline\":", "\"report\": {\"filters\": false, \"activations\": false}, \"baseline\":", StringComparison.Ordinal));

        var model = Assert.Single(AuditRunner.Run(AuditConfigLoader.Load(config), Options).Models);

        Assert.Empty(model.FilterGrids);
        Assert.Empty(model.ActivationGrids);
        Assert.Contains("turned off", model.FilterGridsNote, StringComparison.Ordinal);
        Assert.Contains("turned off", model.ActivationGridsNote, StringComparison.Ordinal);
        Assert.False(Directory.Exists(CacheFolder));
    }
}
