using ModelAudit.Onnx;
using ModelAudit.Onnx.Autodiff.Precision;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Gradients;

/// <summary>
/// Session settings for the sessions that compute gradients. For a QDQ model, ONNX Runtime's QDQ fusions are turned
/// off there: they replace DequantizeLinear -> Conv -> QuantizeLinear by integer kernels (QLinearConv) whose
/// requantized intermediates differ from the float values the graph defines, so the Relu and clip masks the
/// backward pass reads would belong to another function (measured on testdata/architectures/cnn_qdq: saliency
/// cosine 0.984 against torch's straight-through gradient, 1.000000 with the fusions off). Predictions keep the
/// model's own session and ONNX Runtime's integer kernels.
/// </summary>
internal static class GradientSessionSettings
{
    /// <summary>ONNX Runtime's session config key (kOrtSessionOptionsDisableQuantQDQ).</summary>
    internal const string DisableQdqFusion = "session.disable_quant_qdq";

    public static SessionSettings For(OnnxModel model, SessionSettings settings)
    {
        if (!GradientPrecisions.Of(model).HasFlag(GradientPrecision.QuantizationStraightThrough))
        {
            return settings;
        }

        var entries = new Dictionary<string, string>(settings.ConfigEntries, StringComparer.Ordinal) { [DisableQdqFusion] = "1" };
        return settings with { ConfigEntries = entries };
    }
}
