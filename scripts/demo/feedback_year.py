#!/usr/bin/python3
"""make run's demo: a year of weekly answers to "Hjälpte informationen dig?" about one knowledge
support at one unit, steady at first and then clearly lower, sent with clients/python's publisher
used as a library (its argument checks and message building, one connection with confirms).

Message ids are derived from the support, unit, week and answer number, so a second run sends
the same messages and the feedback service stores nothing twice."""
import argparse, datetime, os, random, sys, uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "clients", "python"))
import pika  # noqa: E402
import publish_feedback as pf  # noqa: E402

COMMENTS = [  # a few real-looking comments, personal data included: the service redacts it
    "Bra och tydligt, tack!",
    "Jag förstod vad jag ska göra när jag blir andfådd.",
    "Ring mig gärna på 070-123 45 67, jag har frågor om mina tabletter.",
    "Texten om vätskeintag var svår att hitta.",
    "Min pappa 19480312-1234 fick samma information, den hjälpte honom.",
]


def weeks(count, today):
    """Wednesday noon (UTC) of each of the last `count` complete ISO weeks, oldest first."""
    monday = today - datetime.timedelta(days=today.weekday())
    return [datetime.datetime.combine(monday - datetime.timedelta(weeks=k) + datetime.timedelta(days=2), datetime.time(12),
                                      datetime.timezone.utc)
            for k in range(count, 0, -1)]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--slug", required=True)
    p.add_argument("--organisation", required=True)
    p.add_argument("--amqp-url", default=os.environ.get("KL_AMQP_URL", pf.DEFAULT_AMQP_URL))
    p.add_argument("--weeks", type=int, default=52)
    p.add_argument("--drop-weeks", type=int, default=8, help="the last weeks, with the lower share")
    p.add_argument("--per-week", type=int, default=30)
    p.add_argument("--steady", type=float, default=0.82)
    p.add_argument("--dropped", type=float, default=0.45)
    a = p.parse_args()
    rng = random.Random(f"{a.slug}/{a.organisation}")
    ns = uuid.uuid5(uuid.NAMESPACE_URL, f"kunskapsloop-demo/{a.slug}/{a.organisation}")
    plan = weeks(a.weeks, datetime.date.today())
    connection = pika.BlockingConnection(pf.connection_parameters(pf.parse_args(["--slug", a.slug, "--kind", "helpfulness",
                                                                                "--helpful", "yes", "--amqp-url", a.amqp_url])))
    channel = connection.channel()
    channel.confirm_delivery()
    sent = yes = 0
    for w, wednesday in enumerate(plan):
        share = a.dropped if w >= len(plan) - a.drop_weeks else a.steady
        for i in range(a.per_week):
            helpful = rng.random() < share
            comment = COMMENTS[rng.randrange(len(COMMENTS))] if rng.random() < 0.1 else ""
            when = wednesday + datetime.timedelta(minutes=rng.randrange(-3000, 3000))
            args = pf.parse_args(["--slug", a.slug, "--kind", "helpfulness", "--helpful", "yes" if helpful else "no",
                                  "--role", rng.choice(["patient", "patient", "patient", "relative"]),
                                  "--organisation", a.organisation, "--source-system", "1177-demo",
                                  "--occurred-at", when.isoformat(), "--comment", comment, "--amqp-url", a.amqp_url])
            props = pika.BasicProperties(content_type=pf.CONTENT_TYPE, type=pf.MESSAGE_TYPE, app_id="1177-demo",
                                         message_id=str(uuid.uuid5(ns, f"{wednesday.date()}/{i}")), delivery_mode=2)
            channel.basic_publish(pf.EXCHANGE, pf.ROUTING_KEY, pf.build_body(args), props, mandatory=True)
            sent += 1
            yes += helpful
    connection.close()
    print(f"{sent} answers over {len(plan)} weeks ({plan[0].date()} – {plan[-1].date()}), {yes} yes; "
          f"the last {a.drop_weeks} weeks around {a.dropped:.0%} instead of {a.steady:.0%}, all confirmed")


if __name__ == "__main__":
    try:
        main()
    except pf.UsageError as e:
        sys.exit(f"feedback_year.py: {e}")
