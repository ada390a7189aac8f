using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Running;

namespace ModelAudit.Core.Tests.Audit.Running;

/// <summary>The baseline checks' messages, as a user of a model labelled by numbers (PaddleOCR's "0"/"180") reads them.</summary>
public sealed class BaselineChecksTests
{
    [Fact]
    public void For_PredictionChangedOnNumericLabels_NamesIndexAsClassAndProbabilityAsSuch()
    {
        // Baseline: class 0 labelled "0" at probability 0.97; now class 1 labelled "180".
        var baseline = new BaselineComparison(Correlation: 0.35, CenterShiftPixels: 0, BaselineClass: 0, BaselineProbability: 0.97,
            BaselineRelevanceMass: 0.5, BaselineLabel: "0");

        var check = BaselineChecks.For(baseline, relevanceMass: 0.5, predictedClass: 1, predictedLabel: "180", Thresholds.Default,
            "m/images/receipt.png", "layercam at x").Single(c => c.Code == DiagnosticCodes.BaselinePrediction);

        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Equal("m/images/receipt.png: predicted '180' (class 1), the baseline predicted '0' (class 0) with probability 0.97", check.Message);
    }

    [Fact]
    public void For_PredictionUnchanged_SaysAsInTheBaseline()
    {
        var baseline = new BaselineComparison(1, 0, BaselineClass: 1, BaselineProbability: 0.9, BaselineRelevanceMass: 0.5, BaselineLabel: "180");

        var check = BaselineChecks.For(baseline, 0.5, 1, "180", Thresholds.Default, "m/a.png", "how")
            .Single(c => c.Code == DiagnosticCodes.BaselinePrediction);

        Assert.Equal(CheckStatus.Pass, check.Status);
        Assert.Equal("m/a.png: predicted '180' (class 1) as in the baseline", check.Message);
    }
}
