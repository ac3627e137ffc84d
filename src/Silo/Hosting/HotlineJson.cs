using System.Text.Json;
using System.Text.Json.Serialization;

namespace HotlineDispatch.Silo.Hosting;

/// <summary>The one JSON shape of the API and the read model: camelCase names and camelCase enum values.</summary>
public static class HotlineJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return options;
    }

    /// <summary>An enum value as it appears in JSON, e.g. <c>InProgress</c> → <c>inProgress</c>.</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
