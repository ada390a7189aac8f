namespace ModelAudit.TestSupport;

/// <summary>Where the repository's test inputs live, found from the test assembly's folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    public static string Root => RootLazy.Value;

    public static string TestData => Path.Combine(Root, "testdata");

    /// <summary>PaddleOCR's MobileNetV3 text-orientation classifier (opset 9, Constant-node weights).</summary>
    public static string PaddleClassifier => ThirdPartyModel("ch_ppocr_mobile_v2.0_cls_infer.onnx");

    /// <summary>PaddleOCR's PP-OCRv4 DBNet text detector (opset 11).</summary>
    public static string PaddleDetector => ThirdPartyModel("ch_PP-OCRv4_det_infer.onnx");

    private static string ThirdPartyModel(string file) =>
        Path.Combine(TestData, "thirdparty", "node_modules", "@gutenye", "ocr-models", "assets", file);

    private static string FindRoot()
    {
        var recorded = typeof(RepoPaths).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ModelAuditRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "ModelAudit.sln")))
        {
            return Path.GetFullPath(recorded);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModelAudit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ModelAudit.sln above {AppContext.BaseDirectory}.");
    }
}
