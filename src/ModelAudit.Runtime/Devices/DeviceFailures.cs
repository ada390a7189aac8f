using System.Text.RegularExpressions;

namespace ModelAudit.Runtime.Devices;

/// <summary>Words for a device failure: which device, which node, and what to do.</summary>
internal static partial class DeviceFailures
{
    public static string DeviceName(ExecutionDevice device) => device switch
    {
        ExecutionDevice.Dml => "DirectML",
        ExecutionDevice.Cuda => "CUDA",
        _ => device.ToString().ToLowerInvariant(),
    };

    /// <summary>"Mul node 'p2o.Mul.0'" from ORT's "... running Mul node. Name:'p2o.Mul.0' ...", else "the model".</summary>
    public static string Node(string ortMessage)
    {
        var match = NodePattern().Match(ortMessage);
        return match.Success ? $"{match.Groups[1].Value} node '{match.Groups[2].Value}'" : "the model";
    }

    public static DeviceFailureException WhileLoading(ExecutionDevice device, string model, OrtException e) =>
        new($"{DeviceName(device)} failed while loading {model}: {e.Message}; run with --device cpu", e);

    public static DeviceFailureException WhileRunning(ExecutionDevice device, string model, OrtException e) =>
        new($"{DeviceName(device)} failed while running {Node(e.Message)} of {model}: {e.Message}; run with --device cpu", e);

    public static DeviceMismatchException Mismatch(ExecutionDevice device, string model, string difference) =>
        new($"{DeviceName(device)} gives different results from the CPU for {model} ({difference}); "
            + "its numbers cannot be trusted: run with --device cpu (or --no-verify-device to skip this check)");

    [GeneratedRegex(@"running (\S+) node\. Name:'([^']*)'")]
    private static partial Regex NodePattern();
}
