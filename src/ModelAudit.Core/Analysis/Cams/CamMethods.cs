namespace ModelAudit.Core.Analysis.Cams;

/// <summary>The command-line names of the CAM methods, and which ones need gradients.</summary>
public static class CamMethods
{
    private static readonly (CamMethod Method, string Name)[] Table =
    [
        (CamMethod.GradCam, "gradcam"),
        (CamMethod.GradCamPlusPlus, "gradcam++"),
        (CamMethod.HiResCam, "hirescam"),
        (CamMethod.XGradCam, "xgradcam"),
        (CamMethod.LayerCam, "layercam"),
        (CamMethod.EigenCam, "eigencam"),
        (CamMethod.ScoreCam, "scorecam"),
        (CamMethod.AblationCam, "ablationcam"),
    ];

    public static IReadOnlyList<string> Names { get; } = Table.Select(t => t.Name).ToArray();

    public static CamMethod Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (method, known) in Table)
        {
            if (string.Equals(known, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return method;
            }
        }

        throw new ModelAuditException($"unknown CAM method '{name}'; choose one of {string.Join(", ", Names)}");
    }

    public static string Name(CamMethod method)
    {
        foreach (var (m, name) in Table)
        {
            if (m == method)
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(method), method, "unknown CAM method");
    }

    /// <summary>Eigen-CAM, Score-CAM and Ablation-CAM only run the model forward, so they work past ops without a gradient rule.</summary>
    public static bool NeedsGradients(CamMethod method) => method is not (CamMethod.EigenCam or CamMethod.ScoreCam or CamMethod.AblationCam);
}
