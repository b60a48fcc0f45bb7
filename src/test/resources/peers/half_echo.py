"""A UDP echo server that answers the first N datagrams and then none: a pinger meets losses it can count.

  half_echo.py N    binds 127.0.0.1 on a free port, prints 'port P', echoes N datagrams, then only reads
"""
import socket
import sys

answered = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.1', 0))
print('port', s.getsockname()[1], flush=True)
s.settimeout(30)
n = 0
while True:
    data, addr = s.recvfrom(1024)
    n += 1
    if n <= answered:
        s.sendto(data, addr)
    print('got', data.decode().split()[1], flush=True)
