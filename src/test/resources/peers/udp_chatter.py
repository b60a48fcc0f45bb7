"""Two classmates' programs sending readings to a UDP server, each from its own ephemeral port."""
import socket
import sys
import time

port = int(sys.argv[1])
alice = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
bob = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(5):
    alice.sendto(f'temperature {20.5 + i / 2} C'.encode(), ('127.0.0.1', port))
    time.sleep(0.05)
    bob.sendto(f'bob: reading #{i}\x00\x01'.encode(), ('127.0.0.1', port))
    time.sleep(0.05)
alice.close()
bob.close()
