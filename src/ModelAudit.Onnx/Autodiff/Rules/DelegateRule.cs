namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>A rule written as a function, for the many operators whose backward is a few lines.</summary>
internal sealed class DelegateRule(Func<GradientContext, string?[]> backward) : IGradientRule
{
    public string?[] Backward(GradientContext context) => backward(context);
}
