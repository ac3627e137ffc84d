using System.Text.Json;
using System.Text.Json.Serialization;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Routing;

/// <summary>A labelled hotline ticket from <c>tickets-train.jsonl</c>.</summary>
public sealed record TicketSample(string Id, TicketChannel Channel, string Text, string Department, TicketType Type, bool Urgent);

/// <summary>A labelled chat-group message from <c>chat-train.jsonl</c>; <see cref="Department"/> is set for requests only.</summary>
public sealed record ChatSample(string Id, string Group, string Text, bool IsRequest, string? Department);

/// <summary>The labelled samples shipped with the router (embedded from Data/).</summary>
public sealed class LabelledSamples(IReadOnlyList<TicketSample> tickets, IReadOnlyList<ChatSample> chat)
{
    public IReadOnlyList<TicketSample> Tickets { get; } = tickets;

    public IReadOnlyList<ChatSample> Chat { get; } = chat;

    public static LabelledSamples LoadEmbedded() => new(
        Read<TicketRow>("routing-tickets-train.jsonl")
            .Select(r => new TicketSample(r.Id, Enum.Parse<TicketChannel>(r.Channel, ignoreCase: true), r.Text, r.Department,
                TicketTypeNames.Parse(r.Type), r.Urgent))
            .ToList(),
        Read<ChatRow>("routing-chat-train.jsonl")
            .Select(r => new ChatSample(r.Id, r.Group, r.Text, r.IsRequest, r.Department))
            .ToList());

    private static IEnumerable<T> Read<T>(string resource)
    {
        using var stream = typeof(LabelledSamples).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded in the Grains assembly.");
        using var reader = new StreamReader(stream);
        var rows = new List<T>();
        while (reader.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                rows.Add(JsonSerializer.Deserialize<T>(line) ?? throw new FormatException($"{resource}: empty row."));
            }
        }

        return rows;
    }

    private sealed record TicketRow(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("channel")] string Channel,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("department")] string Department,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("urgent")] bool Urgent);

    private sealed record ChatRow(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("group")] string Group,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("is_request")] bool IsRequest,
        [property: JsonPropertyName("department")] string? Department);
}
