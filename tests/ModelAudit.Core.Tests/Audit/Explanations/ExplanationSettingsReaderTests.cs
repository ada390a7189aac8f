using ModelAudit.Core.Analysis.Faithfulness;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Tests.Audit.Config;

namespace ModelAudit.Core.Tests.Audit.Explanations;

public sealed class ExplanationSettingsReaderTests : IDisposable
{
    private readonly ConfigFolder folder = new();

    public void Dispose() => folder.Dispose();

    private ModelEntry Load(string extra)
    {
        folder.WriteConfig($$"""
            {
              "models": [{
                "path": "models/m.onnx",
                {{extra}}
                "images": [{ "path": "images/a.png", "regions": [{ "box": [0, 0, 1, 1] }] }]
              }]
            }
            """);
        return AuditConfigLoader.Load(folder.ConfigPath).Models[0];
    }

    [Fact]
    public void Read_Absent_BothOff()
    {
        var model = Load("");

        Assert.Null(model.Faithfulness);
        Assert.Null(model.Sanity);
        Assert.False(model.SanityCheckOff);
    }

    [Fact]
    public void Read_True_Defaults()
    {
        var model = Load("\"faithfulness\": true, \"sanityCheck\": true,");

        Assert.Equal(20, model.Faithfulness!.Options.Steps);
        Assert.Equal(RemovalMethod.Road, model.Faithfulness.Options.Removal);
        Assert.Null(model.Faithfulness.MaxDeletionAuc);
        Assert.Equal(3, model.Sanity!.Options.Layers);
        Assert.Equal(0.5, model.Sanity.Options.Threshold);
        Assert.Equal(4, model.Sanity.Images);
    }

    [Fact]
    public void Read_False_Off()
    {
        var model = Load("\"faithfulness\": false, \"sanityCheck\": false,");

        Assert.Null(model.Faithfulness);
        Assert.Null(model.Sanity);
        // Written out, so calibrate (which runs the check unless told not to) leaves it out too.
        Assert.True(model.SanityCheckOff);
    }

    [Fact]
    public void Read_Objects_EverySettingApplied()
    {
        var model = Load("""
            "faithfulness": { "steps": 8, "removal": "blur", "maxDeletionAuc": 0.3, "minInsertionAuc": 0.7, "maxFaithfulnessDrop": 0.05 },
            "sanityCheck": { "layers": 2, "seed": 7, "threshold": 0.25, "images": 1 },
            """);

        Assert.Equal(new FaithfulnessOptions { Steps = 8, Removal = RemovalMethod.Blur }, model.Faithfulness!.Options);
        Assert.Equal(0.3, model.Faithfulness.MaxDeletionAuc);
        Assert.Equal(0.7, model.Faithfulness.MinInsertionAuc);
        Assert.Equal(0.05, model.Faithfulness.MaxFaithfulnessDrop);
        Assert.Equal(new Core.Audit.Baselines.BaselineFaithfulness(8, "blur"), model.Faithfulness.Recorded);
        Assert.Equal((2, 7, 0.25, 1), (model.Sanity!.Options.Layers, model.Sanity.Options.Seed, model.Sanity.Options.Threshold, model.Sanity.Images));
    }

    [Theory]
    [InlineData("\"faithfulness\": 3,", "models[0].faithfulness")]
    [InlineData("\"faithfulness\": { \"steps\": 0 },", "models[0].faithfulness.steps")]
    [InlineData("\"faithfulness\": { \"steps\": 5000 },", "models[0].faithfulness.steps")]
    [InlineData("\"faithfulness\": { \"removal\": \"erase\" },", "models[0].faithfulness.removal")]
    [InlineData("\"faithfulness\": { \"maxDeletionAuc\": 1.5 },", "models[0].faithfulness.maxDeletionAuc")]
    [InlineData("\"faithfulness\": { \"maxFaithfulnessDrop\": -0.1 },", "models[0].faithfulness.maxFaithfulnessDrop")]
    [InlineData("\"sanityCheck\": { \"threshold\": -1 },", "models[0].sanityCheck.threshold")]
    [InlineData("\"sanityCheck\": { \"layer\": 2 },", "layer")]
    public void Read_BadValue_ConfigErrorNamingTheField(string extra, string field)
    {
        var e = Assert.Throws<ConfigException>(() => Load(extra));

        Assert.Contains("MA1001", e.Message, StringComparison.Ordinal);
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
        Assert.Matches(@"modelaudit\.json\(4,\d+\)", e.Message);
    }
}
