namespace ModelAudit.Core.Analysis.Scoring;

/// <summary>What is differentiated (or, for gradient-free methods, measured) for a class.</summary>
public enum ScoreKind
{
    /// <summary>The class logit: the input of a final Softmax/LogSoftmax, else the output itself (probabilities saturate).</summary>
    Logit,

    /// <summary>The softmax probability of the class (the model's Softmax output).</summary>
    Probability,

    /// <summary>The raw element of the chosen model output, whatever it is.</summary>
    Output,
}
