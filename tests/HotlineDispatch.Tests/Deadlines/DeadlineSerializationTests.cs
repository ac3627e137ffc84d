using HotlineDispatch.Deadlines;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit;
using static HotlineDispatch.Tests.Deadlines.LocalTime;

namespace HotlineDispatch.Tests.Deadlines;

// A deadline lives in grain storage: every field must survive the Orleans serializer.
public sealed class DeadlineSerializationTests
{
    [Fact]
    public void A_deadline_round_trips_through_the_orleans_serializer()
    {
        var policy = new SlaPolicy(new SlaOptions(), WorkingCalendar.From(new CalendarOptions()));
        var deadline = policy.StartReply(At("2026-03-02 09:00"), "CGJ", TicketType.Complaint, urgent: true, round: 3)
            .MarkRecorded(CardKind.Yellow)
            .Pause(At("2026-03-02 10:00"));
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer<Deadline>>();

        var copy = serializer.Deserialize(serializer.SerializeToArray(deadline));

        Assert.NotNull(copy);
        Assert.Equal(deadline, copy);
        Assert.Equal(deadline.DueAt.Offset, copy.DueAt.Offset);
    }
}
