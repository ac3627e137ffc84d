using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Channels.Http;

/// <summary>Reads a JSON webhook body, answering an unreadable one with a 400 that names where it went wrong.</summary>
public static class ChannelJson
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The body as <typeparamref name="T"/>, or null with <paramref name="problem"/> set; <paramref name="what"/> names the expected document.</summary>
    public static T? Read<T>(byte[] body, string what, out ProblemHttpResult? problem) where T : class
    {
        try
        {
            problem = null;
            return JsonSerializer.Deserialize<T>(body, Web);
        }
        catch (JsonException ex)
        {
            problem = ChannelProblems.BadRequest(ex.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "body", $"The body is not {what}: {ex.Message}");
            return null;
        }
    }
}
