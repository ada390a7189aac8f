using System.Globalization;
using System.Text;
using ModelAudit.Core.Audit.Explanations;

namespace ModelAudit.Core.Audit.Calibration;

/// <summary>
/// The sanity check as `calibrate` prints it: the cascade (Spearman and SSIM of trained vs randomized maps per step) and
/// a verdict that says what to do: keep the method, or change it before trusting bars calibrated on its maps.
/// </summary>
internal static class SanityText
{
    public static void Append(StringBuilder text, ModelCalibration model)
    {
        if (model.SanitySkipped is { } why)
        {
            text.Append("  sanity check: skipped (").Append(why).Append(")\n");
            return;
        }

        if (model.Sanity is not { } sanity)
        {
            return;
        }

        if (sanity.Steps.Count == 0)
        {
            text.Append("  sanity check: the model has no weighted layer to randomize (Conv, ConvTranspose, Gemm, or MatMul with a constant); nothing to check\n");
            return;
        }

        text.Append("  sanity check: weights randomized from the head down, maps of the first ").Append(N(sanity.Images))
            .Append(sanity.Images == 1 ? " image" : " images").Append(" compared with the trained model's\n");
        text.Append("    layers  randomized down to        spearman  ssim\n");
        foreach (var step in sanity.Steps)
        {
            text.Append("    ").Append(N(step.Layers).PadRight(8)).Append(Fit(step.Layer, 24).PadRight(24))
                .Append(F(step.Spearman).PadLeft(10)).Append(F(step.Ssim).PadLeft(7)).Append('\n');
        }

        var last = sanity.Steps[^1];
        var bar = $"|Spearman| {F(Math.Abs(last.Spearman))} {(sanity.DependsOnWeights ? "<=" : ">")} {F(sanity.Threshold)} after randomizing {N(last.Layers)} {(last.Layers == 1 ? "layer" : "layers")}";
        text.Append(sanity.DependsOnWeights
            ? $"  sanity check passed: {bar}: the maps depend on the learned weights; keep {model.Method} at {model.Layer}\n"
            : $"  sanity check FAILED: {bar}: {model.Method} at {model.Layer} barely changes without the learned weights, so its maps (and bars calibrated on them) prove nothing; change \"method\" or \"layer\" and calibrate again\n");
    }

    private static string F(double value) => CalibrationText.F(value);

    // Layer names can be long paths ("/layer4/layer4.1/relu_1/Relu"): the end is the telling part.
    private static string Fit(string name, int width) => name.Length < width ? name : "..." + name[^(width - 4)..];

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
