namespace ModelAudit.Core.Analysis.Cams;

/// <summary>The gradient-based methods by enum value.</summary>
internal static class GradientCams
{
    public static IGradientCam For(CamMethod method) => method switch
    {
        CamMethod.GradCam => new GradCam(),
        CamMethod.GradCamPlusPlus => new GradCamPlusPlus(),
        CamMethod.HiResCam => new HiResCam(),
        CamMethod.XGradCam => new XGradCam(),
        CamMethod.LayerCam => new LayerCam(),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a gradient-based CAM method"),
    };
}
