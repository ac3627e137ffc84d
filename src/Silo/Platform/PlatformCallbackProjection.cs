using HotlineDispatch.Deadlines;
using System.Text.Json;
using HotlineDispatch.Platform;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Outbox;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Platform;

/// <summary>
/// Writes the callbacks a handed-down ticket's events owe the upper platform into the outbox, in the projection's
/// transaction: each event is projected once and its row id names ticket and event, so each callback exists once,
/// is sent once by the outbox, retried with its back-off, and shows in <c>GET /api/v1/outbox</c>.
/// </summary>
public sealed class PlatformCallbackProjection(SlaPolicy sla, [FromKeyedServices(HotlineTime.Key)] TimeProvider time) : ITicketProjectionPart
{
    public const string Scheme = "platform";

    /// <summary>The wire shape: camelCase, and absent fields left out.</summary>
    private static readonly JsonSerializerOptions Body = new(HotlineJson.Options)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public ProjectionWrite? Capture(TicketSnapshot ticket, IReadOnlyList<TicketEvent> newEvents)
    {
        var owed = PlatformCallback.For(ticket, newEvents).ToList();
        if (owed.Count == 0)
        {
            return null;
        }

        return async (connection, transaction, storedSeq) =>
        {
            foreach (var callback in owed.Where(c => c.Seq > storedSeq))
            {
                var body = JsonSerializer.Serialize(callback with { At = sla.Calendar.ToLocal(callback.At) }, Body);
                await SqlOutbox.InsertAsync(connection, transaction, $"t-{callback.TicketId}-{callback.Seq:D6}-{Scheme}",
                    $"{Scheme}:{callback.UpstreamId}", Scheme, callback.Event, body, callback.TicketId, OutboxStates.Pending, time.GetUtcNow());
            }
        };
    }
}
