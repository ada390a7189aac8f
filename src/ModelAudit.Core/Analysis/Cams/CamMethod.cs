namespace ModelAudit.Core.Analysis.Cams;

/// <summary>The class-activation-map variants (DESIGN.md §1). The last three need no gradients.</summary>
public enum CamMethod
{
    GradCam,
    GradCamPlusPlus,
    HiResCam,
    XGradCam,
    LayerCam,
    EigenCam,
    ScoreCam,
    AblationCam,
}
