namespace ModelAudit.Core.Analysis.Faithfulness;

/// <summary>What a removed pixel becomes in deletion/insertion curves.</summary>
public enum RemovalMethod
{
    /// <summary>ROAD's noisy linear imputation from the neighbours (the default: removal leaks no shape).</summary>
    Road,

    /// <summary>The pixel of a Gaussian-blurred copy (Petsiuk et al.'s insertion canvas).</summary>
    Blur,

    /// <summary>The image's mean colour.</summary>
    Mean,
}
