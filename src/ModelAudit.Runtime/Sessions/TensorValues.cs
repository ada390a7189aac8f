using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Runtime.Sessions;

/// <summary>FloatTensor to OrtValue and back, converting element types where the model declares others.</summary>
internal static class TensorValues
{
    /// <summary>An OrtValue over the tensor's data: the caller's own array (pinned, not copied) for float inputs.</summary>
    public static Ort.OrtValue Wrap(FloatTensor tensor, TensorElementType type, string name, string displayName)
    {
        var array = TensorConversion.ToInputArray(tensor.Data, type, name, displayName);
        var shape = tensor.Shape;
        return Native.OrtCalls.Guard($"Wrapping input '{name}' {TensorInfo.FormatShape(shape)} of {displayName}", () => array switch
        {
            float[] f => Ort.OrtValue.CreateTensorValueFromMemory(f, shape),
            double[] d => Ort.OrtValue.CreateTensorValueFromMemory(d, shape),
            long[] l => Ort.OrtValue.CreateTensorValueFromMemory(l, shape),
            int[] i => Ort.OrtValue.CreateTensorValueFromMemory(i, shape),
            byte[] b => Ort.OrtValue.CreateTensorValueFromMemory(b, shape),
            sbyte[] s => Ort.OrtValue.CreateTensorValueFromMemory(s, shape),
            bool[] z => Ort.OrtValue.CreateTensorValueFromMemory(z, shape),
            Half[] h => Ort.OrtValue.CreateTensorValueFromMemory(Array.ConvertAll(h, v => new Ort.Float16(BitConverter.HalfToUInt16Bits(v))), shape),
            _ => throw new InvalidOperationException($"No OrtValue wrapper for {array.GetType()}."),
        });
    }

    /// <summary>Copies a tensor value into a new FloatTensor, converting its element type to float.</summary>
    public static FloatTensor Read(Ort.OrtValue value, string name, string displayName)
    {
        if (!value.IsTensor)
        {
            throw new OrtException(
                OrtErrorCode.NotImplemented,
                $"Output '{name}' of {displayName} is not a tensor (a sequence or map); only tensor outputs can be read.");
        }

        var info = Native.OrtCalls.Guard($"Reading the shape of output '{name}' of {displayName}", value.GetTensorTypeAndShape);
        var type = (TensorElementType)(int)info.ElementDataType;
        var shape = info.Shape;
        var count = shape.Aggregate(1L, (a, d) => checked(a * d));
        var bytes = count == 0 || type == TensorElementType.String ? [] : value.GetTensorMutableRawData();
        return new FloatTensor(TensorConversion.ToFloat(bytes, count, type, name, displayName), shape);
    }
}
