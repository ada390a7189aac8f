namespace ModelAudit.Runtime.Sessions;

/// <summary>Checks names and shapes before anything reaches ONNX Runtime, so errors name the input and the expected shape.</summary>
internal static class InputValidator
{
    public static void Validate(
        IReadOnlyDictionary<string, FloatTensor> inputs, IReadOnlyList<TensorInfo> expected, string displayName)
    {
        var known = expected.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var (name, tensor) in inputs)
        {
            if (!known.TryGetValue(name, out var info))
            {
                throw new OrtException(
                    OrtErrorCode.InvalidArgument,
                    $"{displayName} has no input '{name}'; its inputs are {Describe(expected)}.");
            }

            CheckShape(info, tensor, displayName);
        }

        var missing = expected.Where(i => !inputs.ContainsKey(i.Name)).ToList();
        if (missing.Count > 0)
        {
            throw new OrtException(
                OrtErrorCode.InvalidArgument,
                $"{displayName} needs input(s) {Describe(missing)} that were not given.");
        }
    }

    /// <summary>Names only, for values ORT checks itself (OrtValue inputs).</summary>
    public static void ValidateNames(IEnumerable<string> names, IReadOnlyList<TensorInfo> expected, string displayName)
    {
        var given = names.ToHashSet(StringComparer.Ordinal);
        var unknown = given.Where(n => !expected.Any(i => i.Name == n)).ToList();
        if (unknown.Count > 0)
        {
            throw new OrtException(
                OrtErrorCode.InvalidArgument,
                $"{displayName} has no input '{unknown[0]}'; its inputs are {Describe(expected)}.");
        }

        var missing = expected.Where(i => !given.Contains(i.Name)).ToList();
        if (missing.Count > 0)
        {
            throw new OrtException(
                OrtErrorCode.InvalidArgument,
                $"{displayName} needs input(s) {Describe(missing)} that were not given.");
        }
    }

    public static void ValidateOutputs(IReadOnlyList<string> outputNames, IReadOnlyList<TensorInfo> expected, string displayName)
    {
        foreach (var name in outputNames)
        {
            if (!expected.Any(o => string.Equals(o.Name, name, StringComparison.Ordinal)))
            {
                throw new OrtException(
                    OrtErrorCode.InvalidArgument,
                    $"{displayName} has no output '{name}'; its outputs are {Describe(expected)}.");
            }
        }
    }

    private static void CheckShape(TensorInfo info, FloatTensor tensor, string displayName)
    {
        var fits = info.Shape.Length == tensor.Shape.Length;
        for (var d = 0; fits && d < info.Shape.Length; d++)
        {
            fits = info.Shape[d] < 0 || info.Shape[d] == tensor.Shape[d];
        }

        if (!fits)
        {
            throw new OrtException(
                OrtErrorCode.InvalidArgument,
                $"Input '{info.Name}' of {displayName} expects shape {info.ShapeText} but was given "
                + $"{TensorInfo.FormatShape(tensor.Shape)}.");
        }
    }

    private static string Describe(IEnumerable<TensorInfo> infos) =>
        string.Join(", ", infos.Select(i => $"'{i.Name}' {i.ShapeText}"));
}
