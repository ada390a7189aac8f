using System.Globalization;

namespace ModelAudit.Core.Audit.Shards;

/// <summary>Shard <see cref="Index"/> of <see cref="Count"/> (1-based, as a CI matrix numbers its jobs), written "K/N".</summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>More shards than this is a typo, not a CI matrix.</summary>
    private const int MaxCount = 1024;

    /// <summary>Parses "K/N"; a bad value is one line saying what was given and what is expected.</summary>
    public static ShardSpec Parse(string text, string option = "--shard")
    {
        var parts = (text ?? "").Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count is >= 1 and <= MaxCount && index >= 1 && index <= count)
        {
            return new ShardSpec(index, count);
        }

        throw new ModelAuditException(
            $"{option} \"{IO.PrintableText.Escape(text ?? "")}\" is not a shard; write K/N with 1 <= K <= N <= {MaxCount}, e.g. {option} 2/3 for the second of three jobs");
    }

    public override string ToString() => $"{Index}/{Count}";
}
