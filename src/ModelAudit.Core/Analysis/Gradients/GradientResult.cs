using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Gradients;

/// <summary>The forward values of a gradient run (scored value, requested activations) and the gradients by value name.</summary>
public sealed record GradientResult(IReadOnlyDictionary<string, FloatTensor> Values, IReadOnlyDictionary<string, FloatTensor> Gradients);
