using System.Runtime.InteropServices;
using ModelAudit.Runtime.Native;

namespace ModelAudit.Runtime.Sessions;

/// <summary>
/// One Run: inputs are pinned managed arrays wrapped without copying, outputs are copied once into new float arrays.
/// </summary>
internal static unsafe class SessionRunner
{
    public static IReadOnlyList<FloatTensor> Run(
        nint session,
        nint runOptions,
        IReadOnlyList<TensorInfo> inputInfos,
        IReadOnlyDictionary<string, FloatTensor> inputs,
        IReadOnlyList<string> outputNames,
        string displayName)
    {
        var api = OrtLibrary.Instance.Api;
        var infoByName = inputInfos.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var names = inputs.Keys.ToList();
        var pins = new List<GCHandle>(names.Count);
        var values = new List<OrtValueHandle>(names.Count);
        var outputs = new nint[outputNames.Count];
        var outputHandles = new List<OrtValueHandle>(outputs.Length);
        try
        {
            foreach (var name in names)
            {
                var tensor = inputs[name];
                var type = infoByName[name].ElementType;
                var array = TensorConversion.ToInputArray(tensor.Data, type, name, displayName);
                var pin = GCHandle.Alloc(array, GCHandleType.Pinned);
                pins.Add(pin);
                values.Add(WrapInput(pin.AddrOfPinnedObject(), tensor, type, name, displayName));
            }

            using var inputNames = new Utf8Strings(names);
            using var requested = new Utf8Strings(outputNames);
            var inputValues = values.Select(v => v.DangerousGetHandle()).ToArray();
            fixed (nint* inputPointers = inputValues)
            fixed (nint* outputPointers = outputs)
            {
                OrtStatus.Check(
                    api.Run(session, runOptions, inputNames.Pointers, inputPointers, (nuint)names.Count,
                        requested.Pointers, (nuint)outputNames.Count, outputPointers),
                    $"Running {displayName}");
            }

            outputHandles.AddRange(outputs.Select(o => new OrtValueHandle(o)));

            var results = new FloatTensor[outputs.Length];
            for (var i = 0; i < outputs.Length; i++)
            {
                results[i] = ReadOutput(outputs[i], outputNames[i], displayName);
            }

            return results;
        }
        finally
        {
            foreach (var value in outputHandles.Concat(values))
            {
                value.Dispose();
            }

            foreach (var pin in pins)
            {
                pin.Free();
            }
        }
    }

    private static OrtValueHandle WrapInput(nint data, FloatTensor tensor, TensorElementType type, string name, string displayName)
    {
        var api = OrtLibrary.Instance.Api;
        var byteLength = (nuint)(tensor.ElementCount * TensorConversion.ElementSize(type));
        nint value;
        fixed (long* shape = tensor.Shape)
        {
            OrtStatus.Check(
                api.CreateTensorWithDataAsOrtValue(OrtCpuMemory.Info.DangerousGetHandle(), (void*)data, byteLength,
                    shape, (nuint)tensor.Shape.Length, (int)type, &value),
                $"Wrapping input '{name}' {TensorInfo.FormatShape(tensor.Shape)} of {displayName}");
        }

        return new OrtValueHandle(value);
    }

    private static FloatTensor ReadOutput(nint value, string name, string displayName)
    {
        var api = OrtLibrary.Instance.Api;
        int isTensor;
        OrtStatus.Check(api.IsTensor(value, &isTensor), $"Reading output '{name}' of {displayName}");
        if (isTensor == 0)
        {
            throw new OrtException(
                OrtErrorCode.NotImplemented,
                $"Output '{name}' of {displayName} is not a tensor (a sequence or map); only tensor outputs can be read.");
        }

        nint rawInfo;
        OrtStatus.Check(api.GetTensorTypeAndShape(value, &rawInfo), $"Reading the shape of output '{name}' of {displayName}");
        using var info = new OrtTensorInfoHandle(rawInfo);
        var (type, shape, _) = SessionDescriber.ReadTypeAndShape(rawInfo, $"output '{name}' of {displayName}");
        long count = 1;
        foreach (var d in shape)
        {
            count = checked(count * d);
        }

        void* data = null;
        if (count > 0)
        {
            OrtStatus.Check(api.GetTensorMutableData(value, &data), $"Reading the data of output '{name}' of {displayName}");
        }

        return new FloatTensor(TensorConversion.ToFloat(data, count, type, name, displayName), shape);
    }
}
