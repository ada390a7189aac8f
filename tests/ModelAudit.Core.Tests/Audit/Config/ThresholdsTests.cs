using ModelAudit.Core.Audit.Config;

namespace ModelAudit.Core.Tests.Audit.Config;

public sealed class ThresholdsTests
{
    [Fact]
    public void Default_GatesOnlyPredictionChange()
    {
        Assert.Equal(new Thresholds(null, null, 0, null, null, 20, null, null, true), Thresholds.Default);
    }

    [Fact]
    public void Merge_ImageValues_OverrideFieldByField()
    {
        var model = new Thresholds(MinRelevanceMass: 0.5, PointingGame: true, PointingTolerance: 4, MinIouTop: 0.3, IouTopPercent: 10);
        var image = new Thresholds(MinRelevanceMass: 0.2, MaxMassDrop: 0.05, IouTopPercent: 30, FailOnPredictionChange: false);

        var merged = model.Merge(image);

        Assert.Equal(new Thresholds(0.2, true, 4, null, 0.3, 30, 0.05, null, false), merged);
    }

    [Fact]
    public void Merge_Null_KeepsModelThresholds()
    {
        var model = new Thresholds(MinRankAccuracy: 0.7);

        Assert.Same(model, model.Merge(null));
    }
}
