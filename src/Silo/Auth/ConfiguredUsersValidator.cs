using HotlineDispatch.Departments;
using Microsoft.Extensions.Options;

namespace HotlineDispatch.Silo.Auth;

/// <summary>
/// Refuses to start with a user whose scope is missing: a department user without a department, or
/// a grid worker without a cell, would otherwise see everything.
/// </summary>
public sealed class ConfiguredUsersValidator(DepartmentCatalog departments) : IValidateOptions<List<ConfiguredUser>>
{
    public ValidateOptionsResult Validate(string? name, List<ConfiguredUser> users)
    {
        var errors = new List<string>();
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i];
            var key = $"Hotline:Users:{i}";
            if (string.IsNullOrWhiteSpace(user.Name)) errors.Add($"{key}:Name is required.");
            if (user.Name == UserDirectory.AdminName) errors.Add($"{key}:Name '{UserDirectory.AdminName}' is the bootstrap admin's.");
            if (!Roles.All.Contains(user.Role)) errors.Add($"{key}:Role must be one of {string.Join(", ", Roles.All)}.");
            if (user.Role == Roles.Department && !departments.Contains(user.Department)) errors.Add($"{key}:Department must be a known department code.");
            if (user.Role == Roles.GridWorker && string.IsNullOrWhiteSpace(user.GridCell)) errors.Add($"{key}:GridCell is required for a grid worker.");
            if (user.TokenSha256.Length != 64 || !user.TokenSha256.All(Uri.IsHexDigit)) errors.Add($"{key}:TokenSha256 must be 64 hex digits.");
        }

        var duplicates = users.GroupBy(u => u.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0) errors.Add($"Hotline:Users names must be unique: {string.Join(", ", duplicates)}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
