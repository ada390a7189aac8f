namespace ModelAudit.Onnx.Autodiff.Fused;

/// <summary>Where a fused gradient model's seed (d score / d scored value) comes from.</summary>
public enum SeedKind
{
    /// <summary>Computed inside the graph: one-hot on each batch row's highest score (ArgMax -> OneHot).</summary>
    TopClass,

    /// <summary>One-hot on a class index per batch row, fed as an int64 input of shape [N].</summary>
    ClassInput,

    /// <summary>The whole seed fed as a float input shaped like the scored value (masks, weighted objectives).</summary>
    Tensor,
}
