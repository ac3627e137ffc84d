using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HotlineDispatch.Tests.Infrastructure;

/// <summary>The whole program on the dispatcher's fake clock, so a test can walk through weeks of a month in seconds.</summary>
public abstract class ClockedApiFactory(string storageKind, DateTimeOffset start, params (string Key, string Value)[] extraSettings)
    : HotlineApiFactory(storageKind, extraSettings)
{
    public FakeTimeProvider Clock { get; } = new(start);

    /// <summary>
    /// A working Monday after the clock's present day in the centre's offset (+08:00): tests sharing this clock, which
    /// only goes forward, each take a day of their own, whatever order they run in.
    /// </summary>
    public DateOnly NextMonday()
    {
        var day = DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>Sets the clock to <paramref name="time"/> (HH:mm) of <paramref name="day"/> in the centre's offset.</summary>
    public void SetClock(DateOnly day, string time) =>
        Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.FromHours(8)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddKeyedSingleton<TimeProvider>(HotlineTime.Key, Clock));
    }
}
