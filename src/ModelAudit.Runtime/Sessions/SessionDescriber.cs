using ModelAudit.Runtime.Native;
using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Runtime.Sessions;

/// <summary>Reads input/output names, types and shapes and the model metadata of a loaded session.</summary>
internal static class SessionDescriber
{
    public static SessionDescription Describe(Ort.InferenceSession session, string displayName) =>
        OrtCalls.Guard($"Reading the inputs, outputs and metadata of {displayName}", () =>
        {
            var inputs = session.InputNames.Select(n => Info(n, session.InputMetadata[n])).ToList();
            var outputs = session.OutputNames.Select(n => Info(n, session.OutputMetadata[n])).ToList();
            var metadata = session.ModelMetadata;
            var producer = metadata.ProducerName;
            var custom = new Dictionary<string, string>(metadata.CustomMetadataMap, StringComparer.Ordinal);
            return new SessionDescription(inputs, outputs, string.IsNullOrEmpty(producer) ? null : producer, custom);
        });

    /// <summary>Element type and shape of a tensor; non-tensors (sequences, maps) come back Undefined with no shape.</summary>
    private static TensorInfo Info(string name, Ort.NodeMetadata metadata)
    {
        if (!metadata.IsTensor)
        {
            return new TensorInfo(name, TensorElementType.Undefined, [], []);
        }

        var shape = metadata.Dimensions.Select(d => (long)d).ToArray();
        var symbols = new string?[shape.Length];
        for (var i = 0; i < symbols.Length && i < metadata.SymbolicDimensions.Length; i++)
        {
            symbols[i] = string.IsNullOrEmpty(metadata.SymbolicDimensions[i]) ? null : metadata.SymbolicDimensions[i];
        }

        return new TensorInfo(name, (TensorElementType)(int)metadata.ElementDataType, shape, symbols);
    }
}
