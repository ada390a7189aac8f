namespace ModelAudit.Onnx.Autodiff;

/// <summary>The backward of one forward operator: given the gradients of its outputs, the gradients of its inputs
/// (null where an input needs none).</summary>
internal interface IGradientRule
{
    string?[] Backward(GradientContext context);
}
