using System.Diagnostics;
using System.Globalization;

namespace ModelAudit.TestSupport.Fuzzing;

/// <summary>
/// Runs one fuzz target: N seeded cases (MODELAUDIT_FUZZ_CASES, default 2,000; MODELAUDIT_FUZZ_SEED), each a
/// mutated input handed to the subject. A case passes when the subject returns or throws one of the typed
/// user errors; anything else, a case allocating more than the memory bound, or a case that never ends (the
/// hang detector) fails the run naming the case, its seed and the input saved under the temp folder.
/// </summary>
public static class FuzzRun
{
    public const int DefaultCases = 2_000;

    /// <summary>Managed bytes one case may allocate; inputs and limits in the targets are small, so more means unbounded work.</summary>
    public const long MaxAllocatedBytes = 512L << 20;

    /// <summary>
    /// A hang detector, not a speed check: cases take milliseconds, so only one that never ends (a loop that
    /// does not advance, a blocking open) gets near this, however loaded the machine is.
    /// </summary>
    private static readonly TimeSpan HangBound = TimeSpan.FromMinutes(2);

    public static int Cases => int.TryParse(Environment.GetEnvironmentVariable("MODELAUDIT_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultCases;

    /// <summary>First case to run (MODELAUDIT_FUZZ_FIRST), to reproduce a failure without its predecessors.</summary>
    public static int First => int.TryParse(Environment.GetEnvironmentVariable("MODELAUDIT_FUZZ_FIRST"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("MODELAUDIT_FUZZ_SEED"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? s : 20261201;

    /// <summary>Runs the target; returns how many cases the subject refused with a typed error (the rest succeeded).</summary>
    public static FuzzSummary Run(string target, Func<Random, byte[]> mutate, Action<byte[]> subject, Func<Exception, bool> isTypedUserError)
    {
        var cases = Cases;
        var first = First;
        var seed = Seed;
        long current = -1;
        byte[]? currentInput = null;
        var caseClock = new Stopwatch();
        var work = Task.Factory.StartNew(
            () =>
            {
                var refused = 0;
                long maxAllocated = 0;
                for (var i = first; i < first + cases; i++)
                {
                    var random = new Random(CaseSeed(seed, target, i));
                    Interlocked.Exchange(ref current, i);
                    Volatile.Write(ref currentInput, null);
                    caseClock.Restart();
                    var input = mutate(random);
                    Volatile.Write(ref currentInput, input);
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    try
                    {
                        subject(input);
                    }
                    catch (Exception e) when (isTypedUserError(e))
                    {
                        refused++;
                    }
                    catch (Exception e)
                    {
                        throw new FuzzFailure(target, i, seed, Save(target, i, input), $"{e.GetType().Name} escaped: {e.Message}", e);
                    }

                    var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                    maxAllocated = Math.Max(maxAllocated, allocated);
                    if (allocated > MaxAllocatedBytes)
                    {
                        throw new FuzzFailure(target, i, seed, Save(target, i, input), $"allocated {allocated} bytes (bound {MaxAllocatedBytes})");
                    }
                }

                return new FuzzSummary(cases, refused, maxAllocated);
            },
            TaskCreationOptions.LongRunning);

        while (!work.Wait(TimeSpan.FromSeconds(1)))
        {
            if (caseClock.Elapsed > HangBound)
            {
                var i = (int)Interlocked.Read(ref current);
                var input = Volatile.Read(ref currentInput);
                throw input is null
                    ? new FuzzFailure(target, i, seed, "(nothing: the mutator did not finish)", $"the mutator itself did not finish within {HangBound.TotalMinutes} minutes")
                    : new FuzzFailure(target, i, seed, Save(target, i, input), $"did not finish within {HangBound.TotalMinutes} minutes: a hang");
            }
        }

        return work.GetAwaiter().GetResult();
    }

    // HashCode is randomized per process; cases must be reproducible from the seed alone.
    private static int CaseSeed(int seed, string target, int index)
    {
        var hash = 17;
        foreach (var c in target)
        {
            hash = unchecked((hash * 31) + c);
        }

        return unchecked((seed * 1_000_003) + (hash * 7919) + index);
    }

    private static string Save(string target, int index, byte[] input)
    {
        var folder = Path.Combine(Path.GetTempPath(), "modelaudit-fuzz");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{target}-{index}.bin");
        File.WriteAllBytes(path, input);
        return path;
    }
}

public sealed record FuzzSummary(int Cases, int Refused, long MaxAllocatedBytes)
{
    /// <summary>
    /// Some cases refused and some accepted, or the mutations never reach the target's logic. Not judged for a
    /// replay of a few cases (MODELAUDIT_FUZZ_FIRST), where one outcome is normal.
    /// </summary>
    public bool BothOutcomes => Cases < 100 || (Refused > 0 && Refused < Cases);
}

public sealed class FuzzFailure(string target, int index, int seed, string saved, string problem, Exception? inner = null)
    : Exception($"fuzz target {target}, case {index} (MODELAUDIT_FUZZ_SEED={seed}): {problem}; input saved as {saved}", inner);
