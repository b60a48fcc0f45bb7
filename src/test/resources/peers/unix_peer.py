"""An AF_UNIX datagram peer no one in the engine wrote: binds to a path (or stays unnamed with '-'), sends one
datagram to the target path, prints 'sent', then the reply and the address it came from."""
import socket
import sys

target, own, message = sys.argv[1], sys.argv[2], sys.argv[3]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
if own != '-':
    s.bind(own)
s.sendto(message.encode(), target)
print('sent', flush=True)
if own != '-':
    s.settimeout(10)
    data, addr = s.recvfrom(1024)
    print('reply', data.decode(), addr, flush=True)
s.close()
