namespace ModelAudit.MSBuild;

/// <summary>
/// Whether failing checks become MSBuild errors (the build fails) or warnings. On CI they are errors so a
/// model that looks elsewhere cannot land; locally warnings, so a developer's build still produces the app.
/// </summary>
internal static class FindingsPolicy
{
    // The variables the common CI services set: most set CI, Azure Pipelines TF_BUILD, GitHub GITHUB_ACTIONS.
    private static readonly string[] CiVariables = ["CI", "TF_BUILD", "GITHUB_ACTIONS"];

    /// <param name="explicitSetting">ModelAuditTreatFindingsAsErrors: "true", "false", or empty for automatic.</param>
    /// <param name="continuousIntegrationBuild">The ContinuousIntegrationBuild property.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <exception cref="ArgumentException">The explicit setting is neither empty, true nor false.</exception>
    public static bool TreatAsErrors(string? explicitSetting, string? continuousIntegrationBuild, Func<string, string?> environment)
    {
        var setting = explicitSetting?.Trim() ?? "";
        if (setting.Length > 0)
        {
            return ParseBool(setting)
                ?? throw new ArgumentException($"ModelAuditTreatFindingsAsErrors is '{setting}'; use true, false or leave it empty.");
        }

        return ParseBool(continuousIntegrationBuild?.Trim() ?? "") == true || IsCi(environment);
    }

    /// <summary>Whether the tool's exit code lets the build go on: a failed gate does when findings are warnings.</summary>
    public static bool BuildSucceeds(int exitCode, bool findingsAsErrors) =>
        exitCode == 0 || (exitCode == 1 && !findingsAsErrors);

    /// <summary>
    /// Whether an <c>error</c> line stays an MSBuild error. Bad input (2), internal errors (3) and a killed tool
    /// always fail the build; a failed gate (1) only when findings are errors.
    /// </summary>
    public static bool ErrorLineIsError(int exitCode, bool findingsAsErrors) =>
        !BuildSucceeds(exitCode, findingsAsErrors);

    public static bool IsCi(Func<string, string?> environment) =>
        CiVariables.Any(name => IsSet(environment(name)));

    // "Set" means a value other than an explicit no: `CI=false` is how some scripts opt out on a CI machine.
    private static bool IsSet(string? value)
    {
        var text = value?.Trim() ?? "";
        return text.Length > 0 && ParseBool(text) != false && text != "0";
    }

    private static bool? ParseBool(string text) =>
        string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) ? true
        : string.Equals(text, "false", StringComparison.OrdinalIgnoreCase) ? false
        : null;
}
