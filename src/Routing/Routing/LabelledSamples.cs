using System.Text.Json;
using System.Text.Json.Serialization;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Routing;

/// <summary>A labelled hotline ticket from one of the <c>tickets-*.jsonl</c> files.</summary>
public sealed record TicketSample(string Id, TicketChannel Channel, string Text, string Department, TicketType Type, bool Urgent);

/// <summary>A labelled chat-group message from one of the <c>chat-*.jsonl</c> files; <see cref="Department"/> is set for requests only.</summary>
public sealed record ChatSample(string Id, string Group, string Text, bool IsRequest, string? Department);

/// <summary>The labelled samples shipped with the router (embedded from Data/), or a file of them to measure it on.</summary>
public sealed class LabelledSamples(IReadOnlyList<TicketSample> tickets, IReadOnlyList<ChatSample> chat)
{
    public IReadOnlyList<TicketSample> Tickets { get; } = tickets;

    public IReadOnlyList<ChatSample> Chat { get; } = chat;

    /// <summary>Every <c>tickets-*.jsonl</c> and <c>chat-*.jsonl</c> embedded from <c>Routing/Data</c> (the frozen test set is not among them).</summary>
    public static LabelledSamples LoadEmbedded()
    {
        var assembly = typeof(LabelledSamples).Assembly;
        var lines = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("routing-tickets-", StringComparison.Ordinal) || n.StartsWith("routing-chat-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(name =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return Lines(reader, name).ToList();
            });
        return Parse(lines);
    }

    /// <summary>A JSONL file of tickets, chat messages or both, told apart line by line (a chat message has <c>is_request</c>).</summary>
    public static LabelledSamples Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(Lines(reader, path).ToList());
    }

    private static LabelledSamples Parse(IEnumerable<(string Source, string Line)> lines)
    {
        var tickets = new List<TicketSample>();
        var chat = new List<ChatSample>();
        foreach (var (source, line) in lines)
        {
            try
            {
                using var row = JsonDocument.Parse(line);
                if (row.RootElement.TryGetProperty("is_request", out _))
                {
                    var c = row.RootElement.Deserialize<ChatRow>()!;
                    chat.Add(new ChatSample(c.Id, c.Group, c.Text, c.IsRequest, c.Department));
                }
                else
                {
                    var t = row.RootElement.Deserialize<TicketRow>()!;
                    tickets.Add(new TicketSample(t.Id, Enum.Parse<TicketChannel>(t.Channel, ignoreCase: true), t.Text, t.Department,
                        TicketTypeNames.Parse(t.Type), t.Urgent));
                }
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException)
            {
                throw new FormatException($"{source}: unreadable row {line}", ex);
            }
        }

        return new LabelledSamples(tickets, chat);
    }

    private static IEnumerable<(string Source, string Line)> Lines(StreamReader reader, string source)
    {
        while (reader.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (source, line);
            }
        }
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
