#!/usr/bin/python3
"""Publish a register's values to Kunskapsloop as MeasurementsReported batches (an example a team
may copy).

Debian 12: apt-get install python3-pika python3-protobuf. The protobuf code in gen/ is generated
by clients/generate.sh (protoc --python_out) from proto/kunskapsloop/followup/v1/.

    publish_measurements.py --source-system RiksSvikt export.csv
    publish_measurements.py --source-system RiksSvikt --batch-id 2026-02-riks --shape rate - < export.csv

The file is CSV (comma or semicolon; with semicolons a decimal comma is read) with a header
naming the columns indicator, organisation, period and numerator + denominator or value
(optional: stratum as dimension:value, note). Periods are written 2026-W07, 2026-03 or 2026-Q1.
--shape says what the numbers are: auto (numerator + denominator is a ratio, a value is a value),
ratio, rate (numerator = events, denominator = exposure), count or value.

Every 10 000 rows go as one message (the service's limit) to exchange kl.inbound, routing key
followup.measurements.v1, persistent, mandatory, with publisher confirms. The batch id is
--batch-id (default a fresh UUID), with -2, -3, … for the batches after the first; the same
batch id sent again has no effect at the service. Prints one line per batch: message id, batch
id, rows. The service answers bad rows with followup.measurements.rejected.v1 (see
docs/measurement-intake.md); this program checks only what it must to build the message.
Exit codes: 0 all confirmed; 1 the broker refused (connection, permission, nack, unroutable);
2 bad arguments or an unreadable line (named by its number).
"""
import argparse
import csv
import io
import os
import re
import ssl
import sys
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen"))

import pika  # noqa: E402
import pika.exceptions  # noqa: E402
from kunskapsloop.common.v1 import period_pb2  # noqa: E402
from kunskapsloop.followup.v1 import measurement_pb2  # noqa: E402

PROG = "publish_measurements.py"
DEFAULT_AMQP_URL = "amqp://integration:integration@127.0.0.1:5673/kunskapsloop"
EXCHANGE = "kl.inbound"
ROUTING_KEY = "followup.measurements.v1"
MESSAGE_TYPE = "kunskapsloop.followup.v1.MeasurementsReported"
CONTENT_TYPE = "application/x-protobuf"
BATCH_MAX = 10_000
COLUMNS = {"indicator", "organisation", "period", "numerator", "denominator", "value", "stratum", "note"}


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):  # one clear line, exit 2
        raise UsageError(message)


def parse_args(argv):
    p = Parser(prog=PROG, description="Publish MeasurementsReported to Kunskapsloop (kl.inbound).")
    p.add_argument("file", help="the CSV file, or - for standard input")
    p.add_argument("--source-system", required=True, help="the sending system, kept with every value")
    p.add_argument("--batch-id", help="the batch's id (default: a fresh UUID); later batches get -2, -3, …")
    p.add_argument("--shape", default="auto", choices=["auto", "ratio", "rate", "count", "value"])
    p.add_argument("--app-id", help="AMQP app_id (default: --source-system)")
    p.add_argument("--amqp-url", default=os.environ.get("KL_AMQP_URL", DEFAULT_AMQP_URL),
                   help="amqp:// or amqps:// URL (default $KL_AMQP_URL or %(default)s)")
    p.add_argument("--cacert", help="CA certificate file for amqps:// (default: the system's)")
    p.add_argument("--exchange", default=EXCHANGE, help=argparse.SUPPRESS)        # for tests
    p.add_argument("--routing-key", default=ROUTING_KEY, help=argparse.SUPPRESS)  # for tests
    a = p.parse_args(argv)
    if not a.source_system.strip():
        raise UsageError("--source-system must not be blank")
    if a.batch_id is not None and not 1 <= len(a.batch_id) <= 190:
        raise UsageError("--batch-id: 1-190 characters")
    return a


def parse_period(text, line):
    for pattern, granularity in ((r"(\d{4})-W(\d{1,2})", period_pb2.PERIOD_GRANULARITY_ISO_WEEK),
                                 (r"(\d{4})-Q(\d)", period_pb2.PERIOD_GRANULARITY_QUARTER),
                                 (r"(\d{4})-(\d{1,2})", period_pb2.PERIOD_GRANULARITY_MONTH)):
        m = re.fullmatch(pattern, text)
        if m:
            return period_pb2.Period(granularity=granularity, year=int(m.group(1)), index=int(m.group(2)))
    raise UsageError(f"line {line}: period {text!r} is not 2026-W07, 2026-03 or 2026-Q1")


def number(text, name, line, decimal_comma):
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if decimal_comma:
        cleaned = cleaned.replace(",", ".")
    try:
        x = float(cleaned)
    except ValueError:
        raise UsageError(f"line {line}: {name} {text!r} is not a number")
    if x != x or x in (float("inf"), float("-inf")):
        raise UsageError(f"line {line}: {name} {text!r} is not a finite number")
    return x


def whole(x, name, line):
    if x != int(x):
        raise UsageError(f"line {line}: {name} is a whole number")
    return int(x)


def read_rows(text, shape):
    """The rows of the file as Measurement messages; exits 2 naming the first unreadable line."""
    lines = text.splitlines()
    data = [(n + 1, l) for n, l in enumerate(lines) if l.strip() and not l.startswith("#")]
    if not data:
        raise UsageError("the file has no header line")
    header_line, header = data[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    names = [h.strip().lower() for h in next(csv.reader([header], delimiter=delimiter))]
    if not {"indicator", "organisation", "period"} <= set(names) or not ({"numerator", "value"} & set(names)):
        raise UsageError(f"line {header_line}: the header needs indicator, organisation, period and numerator or value")
    rows = []
    for line, raw in data[1:]:
        cells = next(csv.reader(io.StringIO(raw), delimiter=delimiter))
        v = {name: cell.strip() for name, cell in zip(names, cells) if name in COLUMNS}
        m = measurement_pb2.Measurement()
        if not v.get("indicator"):
            raise UsageError(f"line {line}: no indicator")
        if not v.get("organisation"):
            raise UsageError(f"line {line}: no organisation")
        m.indicator_code, m.organisation_id = v["indicator"], v["organisation"]
        m.period.CopyFrom(parse_period(v.get("period", ""), line))
        if v.get("stratum"):
            dimension, _, value = v["stratum"].partition(":")
            if not value:
                raise UsageError(f"line {line}: stratum {v['stratum']!r} is not dimension:value")
            m.stratum.dimension, m.stratum.value = dimension, value
        m.note = v.get("note", "")
        comma = delimiter == ";"
        n = number(v["numerator"], "numerator", line, comma) if v.get("numerator") else None
        d = number(v["denominator"], "denominator", line, comma) if v.get("denominator") else None
        x = number(v["value"], "value", line, comma) if v.get("value") else None
        kind = ("ratio" if n is not None and d is not None else "value") if shape == "auto" else shape
        if kind in ("ratio", "rate"):
            if n is None or d is None:
                raise UsageError(f"line {line}: a {kind} needs numerator and denominator")
            if kind == "ratio":
                m.ratio.numerator, m.ratio.denominator = whole(n, "numerator", line), whole(d, "denominator", line)
            else:
                m.rate.count, m.rate.exposure = whole(n, "numerator", line), d
        elif kind == "count":
            if x is None and n is None:
                raise UsageError(f"line {line}: a count needs a whole number (value or numerator)")
            m.count = whole(x if x is not None else n, "count", line)  # sets the oneof even for 0
        else:
            if x is None:
                raise UsageError(f"line {line}: no value (give numerator and denominator, or value)")
            m.value = x
        rows.append(m)
    if not rows:
        raise UsageError("the file has no rows")
    return rows


def connection_parameters(a):
    try:
        params = pika.URLParameters(a.amqp_url)
    except Exception as e:  # pika raises several types for a malformed URL
        raise UsageError(f"--amqp-url: {e}")
    if a.amqp_url.startswith("amqps://"):
        context = ssl.create_default_context(cafile=a.cacert)
        params.ssl_options = pika.SSLOptions(context, params.host)
    params.connection_attempts = 1
    params.socket_timeout = 10
    params.blocked_connection_timeout = 60
    return params


def publish(a):
    if a.file == "-":
        text = sys.stdin.read()
    else:
        try:
            with open(a.file, encoding="utf-8-sig") as f:
                text = f.read()
        except OSError as e:
            raise UsageError(f"cannot read {a.file}: {e.strerror}")
    rows = read_rows(text, a.shape)
    base = a.batch_id or str(uuid.uuid4())
    connection = pika.BlockingConnection(connection_parameters(a))
    try:
        channel = connection.channel()
        channel.confirm_delivery()  # basic_publish now waits for the broker's ack
        for k, start in enumerate(range(0, len(rows), BATCH_MAX), start=1):
            batch = measurement_pb2.MeasurementsReported(batch_id=base if k == 1 else f"{base}-{k}", source_system=a.source_system)
            batch.measurements.extend(rows[start:start + BATCH_MAX])
            batch.reported_at.GetCurrentTime()
            message_id = str(uuid.uuid4())
            props = pika.BasicProperties(content_type=CONTENT_TYPE, type=MESSAGE_TYPE, message_id=message_id,
                                         app_id=a.app_id or a.source_system, timestamp=int(time.time()), delivery_mode=2)
            try:
                channel.basic_publish(a.exchange, a.routing_key, batch.SerializeToString(), props, mandatory=True)
            except pika.exceptions.UnroutableError:
                fail(f"message {message_id} returned unroutable: no queue is bound to {a.exchange} with routing key {a.routing_key}")
            except pika.exceptions.NackError:
                fail(f"message {message_id} nacked by the broker (not stored)")
            print(message_id, batch.batch_id, len(batch.measurements), flush=True)
    finally:
        if connection.is_open:
            connection.close()


def fail(line):
    print(f"{PROG}: {line}", file=sys.stderr)
    sys.exit(1)


def main(argv):
    try:
        publish(parse_args(argv))
    except UsageError as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 2
    except pika.exceptions.ChannelClosedByBroker as e:
        fail(f"broker closed the channel: {e.reply_code} {e.reply_text}")
    except pika.exceptions.ConnectionClosedByBroker as e:
        fail(f"broker closed the connection: {e.reply_code} {e.reply_text}")
    except pika.exceptions.ProbableAuthenticationError:
        fail("login refused: wrong user or password")
    except pika.exceptions.ProbableAccessDeniedError:
        fail("login refused: no access to the vhost")
    except pika.exceptions.AMQPConnectionError as e:
        fail(f"cannot connect: {e!r}")
    except pika.exceptions.AMQPError as e:
        fail(f"AMQP error: {e!r}")
    except (ssl.SSLError, OSError) as e:
        fail(f"cannot connect: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
