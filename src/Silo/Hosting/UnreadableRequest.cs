using System.Text.Json;
using System.Text.RegularExpressions;

namespace HotlineDispatch.Silo.Hosting;

/// <summary>
/// Which field made a request unreadable, for the 400 that docs/api.md says names it: the JSON path of a
/// body the serializer refused (<c>$.caller.phone</c> → <c>caller.phone</c>, the whole body → <c>body</c>),
/// or the route or query parameter that would not bind.
/// </summary>
public static partial class UnreadableRequest
{
    public static string? FieldOf(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException { Path: "$" or null } => "body",
        JsonException { Path: { } path } => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path,
        _ => Parameter().Match(bad.Message) is { Success: true } m ? m.Groups[1].Value
            : bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) ? "body" : null,
    };

    /// <summary>ASP.NET's wording: <c>Failed to bind parameter "int? page" from "abc".</c></summary>
    [GeneratedRegex("""parameter "(?:[^"]* )?(\w+)" from""")]
    private static partial Regex Parameter();
}
