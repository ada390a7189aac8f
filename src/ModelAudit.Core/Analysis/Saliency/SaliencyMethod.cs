namespace ModelAudit.Core.Analysis.Saliency;

/// <summary>How d score / d input is turned into a saliency map.</summary>
public enum SaliencyMethod
{
    /// <summary>The plain input gradient (Simonyan et al.).</summary>
    Gradient,

    /// <summary>The mean gradient over seeded noisy copies of the input (Smilkov et al.).</summary>
    SmoothGrad,

    /// <summary>Integrated Gradients: (x - x') times the mean gradient along the straight path from a baseline x' (Sundararajan et al.).</summary>
    Integrated,

    /// <summary>Guided backprop: every ReLU's backward also drops negative gradients (Springenberg et al.).</summary>
    Guided,
}
