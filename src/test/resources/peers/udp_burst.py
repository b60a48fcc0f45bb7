"""Sends numbered datagrams to a UDP socket: python3 udp_burst.py HOST PORT COUNT INTERVAL PREFIX [SIZE].

Prints its own source port first, then 'done' once every datagram is sent. Datagrams are PREFIX followed by
their number, padded with dots to SIZE bytes when SIZE is given.
"""
import socket
import sys
import time

host, port, count, interval, prefix = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
size = int(sys.argv[6]) if len(sys.argv) > 6 else 0
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.1', 0))
print('port', s.getsockname()[1], flush=True)
for i in range(count):
    s.sendto(f'{prefix}{i}'.encode().ljust(size, b'.'), (host, port))
    if interval:
        time.sleep(interval)
print('done', flush=True)
