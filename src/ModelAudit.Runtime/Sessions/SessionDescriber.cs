using System.Runtime.InteropServices;
using ModelAudit.Runtime.Native;

namespace ModelAudit.Runtime.Sessions;

/// <summary>Reads input/output names, types and shapes and the model metadata of a native session.</summary>
internal static unsafe class SessionDescriber
{
    public static SessionDescription Describe(OrtSessionHandle session, string displayName)
    {
        var raw = session.DangerousGetHandle();
        var api = OrtLibrary.Instance.Api;
        nuint inputCount, outputCount;
        OrtStatus.Check(api.SessionGetInputCount(raw, &inputCount), $"Counting the inputs of {displayName}");
        OrtStatus.Check(api.SessionGetOutputCount(raw, &outputCount), $"Counting the outputs of {displayName}");

        var inputs = new TensorInfo[(int)inputCount];
        for (var i = 0; i < inputs.Length; i++)
        {
            byte* name;
            OrtStatus.Check(api.SessionGetInputName(raw, (nuint)i, OrtAllocator.Handle, &name), $"Reading input {i} of {displayName}");
            var inputName = OrtAllocator.TakeString(name) ?? string.Empty;
            nint typeInfo;
            OrtStatus.Check(api.SessionGetInputTypeInfo(raw, (nuint)i, &typeInfo), $"Reading the type of input '{inputName}' of {displayName}");
            using var owned = new OrtTypeInfoHandle(typeInfo);
            inputs[i] = ReadTensorInfo(inputName, typeInfo, displayName);
        }

        var outputs = new TensorInfo[(int)outputCount];
        for (var i = 0; i < outputs.Length; i++)
        {
            byte* name;
            OrtStatus.Check(api.SessionGetOutputName(raw, (nuint)i, OrtAllocator.Handle, &name), $"Reading output {i} of {displayName}");
            var outputName = OrtAllocator.TakeString(name) ?? string.Empty;
            nint typeInfo;
            OrtStatus.Check(api.SessionGetOutputTypeInfo(raw, (nuint)i, &typeInfo), $"Reading the type of output '{outputName}' of {displayName}");
            using var owned = new OrtTypeInfoHandle(typeInfo);
            outputs[i] = ReadTensorInfo(outputName, typeInfo, displayName);
        }

        var (producer, custom) = ReadMetadata(raw, displayName);
        GC.KeepAlive(session);
        return new SessionDescription(inputs, outputs, producer, custom);
    }

    /// <summary>Element type and shape of a tensor type info; non-tensors (sequences, maps) come back Undefined with no shape.</summary>
    private static TensorInfo ReadTensorInfo(string name, nint typeInfo, string displayName)
    {
        var api = OrtLibrary.Instance.Api;
        nint tensorInfo;

        // The tensor info is owned by the type info: not released here.
        OrtStatus.Check(api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo), $"Reading the tensor type of '{name}' in {displayName}");
        if (tensorInfo == 0)
        {
            return new TensorInfo(name, TensorElementType.Undefined, [], []);
        }

        var (type, shape, symbols) = ReadTypeAndShape(tensorInfo, $"'{name}' in {displayName}");
        return new TensorInfo(name, type, shape, symbols);
    }

    internal static (TensorElementType Type, long[] Shape, string?[] Symbols) ReadTypeAndShape(nint tensorInfo, string what)
    {
        var api = OrtLibrary.Instance.Api;
        int elementType;
        nuint rank;
        OrtStatus.Check(api.GetTensorElementType(tensorInfo, &elementType), $"Reading the element type of {what}");
        OrtStatus.Check(api.GetDimensionsCount(tensorInfo, &rank), $"Reading the rank of {what}");
        var shape = new long[(int)rank];
        var symbolPointers = new nint[(int)rank];
        fixed (long* dims = shape)
        fixed (nint* symbols = symbolPointers)
        {
            OrtStatus.Check(api.GetDimensions(tensorInfo, dims, rank), $"Reading the shape of {what}");
            OrtStatus.Check(api.GetSymbolicDimensions(tensorInfo, (byte**)symbols, rank), $"Reading the symbolic dimensions of {what}");
        }

        var names = new string?[shape.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var symbol = symbolPointers[i] == 0 ? null : Marshal.PtrToStringUTF8(symbolPointers[i]);
            names[i] = string.IsNullOrEmpty(symbol) ? null : symbol;
        }

        return ((TensorElementType)elementType, shape, names);
    }

    private static (string? Producer, IReadOnlyDictionary<string, string> Custom) ReadMetadata(nint session, string displayName)
    {
        var api = OrtLibrary.Instance.Api;
        nint raw;
        OrtStatus.Check(api.SessionGetModelMetadata(session, &raw), $"Reading the metadata of {displayName}");
        using var metadata = new OrtModelMetadataHandle(raw);

        byte* producer;
        OrtStatus.Check(api.ModelMetadataGetProducerName(raw, OrtAllocator.Handle, &producer), $"Reading the producer name of {displayName}");
        var producerName = OrtAllocator.TakeString(producer);

        byte** keys;
        long keyCount;
        OrtStatus.Check(
            api.ModelMetadataGetCustomMetadataMapKeys(raw, OrtAllocator.Handle, &keys, &keyCount),
            $"Reading the metadata keys of {displayName}");
        var custom = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            for (long i = 0; i < keyCount; i++)
            {
                var key = Marshal.PtrToStringUTF8((nint)keys[i]) ?? string.Empty;
                byte* value;
                OrtStatus.Check(
                    api.ModelMetadataLookupCustomMetadataMap(raw, OrtAllocator.Handle, keys[i], &value),
                    $"Reading metadata '{key}' of {displayName}");
                custom[key] = OrtAllocator.TakeString(value) ?? string.Empty;
            }
        }
        finally
        {
            for (long i = 0; i < keyCount; i++)
            {
                OrtAllocator.Free(keys[i]);
            }

            OrtAllocator.Free(keys);
        }

        return (string.IsNullOrEmpty(producerName) ? null : producerName, custom);
    }
}
