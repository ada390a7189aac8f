using System.Runtime.InteropServices;

namespace ModelAudit.Runtime.Native;

/// <summary>Base of the owning handles for ORT objects: each subclass names its Release function.</summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle(nint handle)
        : base(0, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == 0;

    protected static OrtApi Api => OrtLibrary.Instance.Api;

    protected override bool ReleaseHandle()
    {
        Release(handle);
        return true;
    }

    protected abstract void Release(nint value);
}

internal sealed unsafe class OrtStatusHandle(nint value) : OrtHandle(value)
{
    protected override void Release(nint value) => Api.ReleaseStatus(value);
}

internal sealed unsafe class OrtEnvHandle(nint value) : OrtHandle(value)
{
    protected override void Release(nint value) => Api.ReleaseEnv(value);
}

internal sealed unsafe class OrtSessionOptionsHandle(nint value) : OrtHandle(value)
{
    protected override void Release(nint value) => Api.ReleaseSessionOptions(value);
}

internal sealed unsafe class OrtSessionHandle(nint value) : OrtHandle(value)
{
    protected override void Release(nint value) => Api.ReleaseSession(value);
}

internal sealed unsafe class OrtValueHandle(nint value) : OrtHandle(value)
{
    protected override void Release(nint value) => Api.ReleaseValue(value);
}

internal sealed unsafe class OrtTypeInfoHandle(nint value) : OrtHandle(value)
{
    protected override void Release(nint value) => Api.ReleaseTypeInfo(value);
}

internal sealed unsafe class OrtTensorInfoHandle(nint value) : OrtHandle(value)
{
    protected override void Release(nint value) => Api.ReleaseTensorTypeAndShapeInfo(value);
}

internal sealed unsafe class OrtMemoryInfoHandle(nint value) : OrtHandle(value)
{
    protected override void Release(nint value) => Api.ReleaseMemoryInfo(value);
}

internal sealed unsafe class OrtModelMetadataHandle(nint value) : OrtHandle(value)
{
    protected override void Release(nint value) => Api.ReleaseModelMetadata(value);
}

internal sealed unsafe class OrtCudaOptionsHandle(nint value) : OrtHandle(value)
{
    protected override void Release(nint value) => Api.ReleaseCudaProviderOptions(value);
}

internal sealed unsafe class OrtRunOptionsHandle(nint value) : OrtHandle(value)
{
    protected override void Release(nint value) => Api.ReleaseRunOptions(value);
}
