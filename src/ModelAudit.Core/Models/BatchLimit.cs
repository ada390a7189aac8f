namespace ModelAudit.Core.Models;

/// <summary>How many tensors one run may hold: the caller's batch size, unless the model fixes its batch axis.</summary>
internal static class BatchLimit
{
    public static int For(ModelRunner runner, int requested)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requested);
        var declared = runner.Input.Shape.Length > 0 ? runner.Input.Shape[0] : -1;
        return declared > 0 ? (int)Math.Min(declared, requested) : requested;
    }
}
