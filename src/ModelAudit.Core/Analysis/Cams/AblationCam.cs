using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// Ablation-CAM (Desai and Ramaswamy 2020): weight_k = (y - y_k) / y, where y is the class score and y_k
/// the score with channel k of A zeroed; CAM = ReLU(sum_k weight_k A_k). ONNX Runtime cannot be fed an
/// intermediate value, so the model is edited once (<see cref="Onnx.Editing.ValueMultiplier"/>): every
/// reader of A reads A * gate, gate a new input shaped to broadcast over A's channel axis ([N, K, 1, 1] for
/// NCHW, [N, 1, 1, K] for NHWC, [N, 1, K] for tokens, where every token's channel k is gated). Batch row r repeats the image with a gate that
/// is 1 everywhere except channel k, so one Run ablates many channels.
/// </summary>
internal sealed class AblationCam
{
    /// <summary>The name of the gate input added to the model.</summary>
    public const string GateInput = "modelaudit_ablation_gate";

    // Keeps the relative drop finite when the class score is (almost) exactly zero.
    private const float Epsilon = 1e-7f;

    private readonly CamSession session;
    private readonly string inputName;
    private readonly long[] imageShape;
    private readonly CamScoring scoring;
    private readonly int batchSize;
    private readonly LayerGrid grid;

    /// <param name="session">Over the gated model, returning the scored value.</param>
    /// <param name="imageShape">One image's input shape without the batch axis.</param>
    public AblationCam(CamSession session, string inputName, long[] imageShape, CamScoring scoring, int batchSize, LayerGrid grid)
    {
        this.grid = grid;
        this.session = session;
        this.inputName = inputName;
        this.imageShape = imageShape;
        this.scoring = scoring;
        this.batchSize = batchSize;
    }

    /// <param name="image">One image's preprocessed tensor (no batch axis).</param>
    /// <param name="score">The unablated class score y.</param>
    public float[] Map(ReadOnlySpan<float> activation, int channels, int plane, ReadOnlySpan<float> image, int target, float score)
    {
        var weights = new float[channels];
        var denominator = Math.Abs(score) < Epsilon ? (score < 0 ? -Epsilon : Epsilon) : score;
        var perImage = image.Length;
        for (var start = 0; start < channels; start += batchSize)
        {
            var rows = Math.Min(batchSize, channels - start);
            var data = new float[perImage * rows];
            var gate = new float[channels * rows];
            gate.AsSpan().Fill(1f);
            for (var r = 0; r < rows; r++)
            {
                image.CopyTo(data.AsSpan(r * perImage, perImage));
                gate[(r * channels) + start + r] = 0f;
            }

            var feeds = new Dictionary<string, FloatTensor>
            {
                [inputName] = new(data, [rows, .. imageShape]),
                [GateInput] = new(gate, grid.GateShape(rows)),
            };
            var scored = session.Run(feeds)[0];
            for (var r = 0; r < rows; r++)
            {
                weights[start + r] = (score - scoring.ScoreOf(scored, r, target)) / denominator;
            }
        }

        return CamMath.WeightedSum(activation, weights, channels, plane);
    }
}
